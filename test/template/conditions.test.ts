import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTemplate } from '../../src/template/index';
import { errorOf, template, writeTemplate } from './helpers';

const source = (extraOutputs = '') =>
  template(`Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Always:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: !If [IsProd, 0, 5]
      RedrivePolicy: !If [IsProd, { maxReceiveCount: 3 }, !Ref 'AWS::NoValue']
  ProdTopic:
    Type: AWS::SNS::Topic
    Condition: IsProd
Outputs:
  Topic:
    Condition: IsProd
    Value: !Ref ProdTopic
  Chosen:
    Value: !If [IsProd, !Ref ProdTopic, none]
${extraOutputs}`);

test('resources and outputs with a false Condition are left out; Fn::If picks one branch', async () => {
  const dev = await loadTemplate(writeTemplate(source()));
  assert.deepEqual(Object.keys(dev.resources), ['Always']);
  assert.deepEqual(dev.resources.Always!.properties, { DelaySeconds: 5 });
  assert.deepEqual(dev.outputs, [{ name: 'Chosen', value: 'none' }]);
  const prod = await loadTemplate(writeTemplate(source()), { parameterOverrides: { Env: 'prod' } });
  assert.deepEqual(Object.keys(prod.resources), ['Always', 'ProdTopic']);
  assert.deepEqual(prod.resources.Always!.properties, { DelaySeconds: 0, RedrivePolicy: { maxReceiveCount: 3 } });
  assert.equal(prod.outputs.find((o) => o.name === 'Topic')!.value, 'arn:aws:sns:us-east-1:000000000000:ProdTopic');
});

test('a Ref to a resource whose condition is false is an error', async () => {
  const file = writeTemplate(source('  Broken:\n    Value: !Ref ProdTopic\n'));
  assert.equal(
    await errorOf(loadTemplate(file)),
    `${file}:22:12: Outputs.Broken.Value: refers to 'ProdTopic', which is not created because its condition 'IsProd' is false (Unresolved resource dependency)`,
  );
});

test('unknown conditions and Refs to resources inside Conditions are errors', async () => {
  const unknown = template(`Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: Nope\n`);
  const file = writeTemplate(unknown);
  assert.equal(await errorOf(loadTemplate(file)), `${file}:5:16: Q.Condition: condition 'Nope' is not defined in Conditions`);
  const resourceRef = template(`Conditions:\n  C: !Equals [!Ref Q, x]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n`);
  assert.match(await errorOf(loadTemplate(writeTemplate(resourceRef))), /Conditions\.C: Conditions can only refer to parameters/);
});

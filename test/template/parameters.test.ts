import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTemplate, validateTemplate } from '../../src/template/index';
import { errorOf, outputsOf, template, writeTemplate } from './helpers';

const params = `Parameters:
  Env:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Size:
    Type: Number
    Default: 5
    MinValue: 1
  Names:
    Type: CommaDelimitedList
    Default: "a, b,c"
  Ports:
    Type: List<Number>
    Default: "80,443"
  Secret:
    Type: String
    NoEcho: true
    AllowedPattern: '[a-z]+'
    Default: abc`;

test('defaults, overrides, types: Number is a string for Ref, lists are lists', async () => {
  const values = { Env: '!Ref Env', Size: '!Ref Size', Second: '!Select [1, !Ref Names]', Ports: `!Join ['|', !Ref Ports]` };
  assert.deepEqual(await outputsOf(values, params), { Env: 'dev', Size: '5', Second: 'b', Ports: '80|443' });
  const overridden = await outputsOf(values, params, { parameterOverrides: { Env: 'prod', Size: '7', Names: 'x,y' } });
  assert.deepEqual(overridden, { Env: 'prod', Size: '7', Second: 'y', Ports: '80|443' });
});

test('constraint failures name the parameter with the CloudFormation message', async () => {
  const at = (overrides: Record<string, string>) => errorOf(outputsOf({ Env: '!Ref Env' }, params, { parameterOverrides: overrides }));
  assert.match(await at({ Env: 'qa' }), /template\.yaml:3:3: Parameters\.Env: Parameter 'Env' must be one of AllowedValues$/);
  assert.match(await at({ Size: '0' }), /Parameter 'Size' must be a number not less than 1/);
  assert.match(await at({ Size: 'many' }), /Parameter 'Size' must be a number$/);
  assert.match(await at({ Secret: 'ABC' }), /Parameter 'Secret' must match pattern \[a-z\]\+/);
});

test('a parameter without value or default, and an unknown override, are errors', async () => {
  const source = template(`Parameters:\n  Needed:\n    Type: String\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n`);
  const file = writeTemplate(source);
  assert.equal(await errorOf(loadTemplate(file)), `${file}:3:3: Parameters.Needed: Parameters: [Needed] must have values`);
  const unknown = await errorOf(loadTemplate(file, { parameterOverrides: { Needed: 'x', Other: 'y' } }));
  assert.equal(unknown, `${file}: Parameters: [Other] do not exist in the template`);
  const { problems } = await validateTemplate(file, { parameterOverrides: { Other: 'y' } });
  assert.deepEqual(problems.map((p) => p.message), ['Parameters: [Other] do not exist in the template', 'Parameters: [Needed] must have values']);
});

test('SSM parameter types are warned about and use the given value', async () => {
  const source = template(`Parameters:
  Vpc:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /shared/vpc
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Ref Vpc
`);
  const model = await loadTemplate(writeTemplate(source));
  assert.equal(model.resources.Q!.physicalName, '/shared/vpc');
  assert.match(model.warnings.join('\n'), /Parameter Vpc: AWS::SSM::Parameter::Value<String> is read from SSM Parameter Store/);
});

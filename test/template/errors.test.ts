import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TemplateError } from '../../src/shared/errors';
import { loadTemplate, validateTemplate } from '../../src/template/index';
import { errorOf, template, writeTemplate } from './helpers';

test('bad YAML indentation: file:line:col and the parser message', async () => {
  const file = writeTemplate('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n   Properties: {}\n');
  const error = await loadTemplate(file).catch((e) => e);
  assert.ok(error instanceof TemplateError);
  assert.equal(error.message, `${file}:4:1: invalid YAML: All mapping items must start at the same column`);
  assert.deepEqual([error.location.line, error.location.column], [4, 1]);
});

test('an unknown Ref: file:line:col: LogicalId.path: message', async () => {
  const source = template(`Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Runtime: nodejs20.x
      Handler: index.handler
      Environment:
        Variables:
          TABLE: !Ref Missing
`);
  const file = writeTemplate(source);
  assert.equal(
    await errorOf(loadTemplate(file)),
    `${file}:11:18: Fn.Properties.Environment.Variables.TABLE: Ref to 'Missing', which is neither a parameter nor a resource of this template`,
  );
});

test('a missing CodeUri directory, and an event property path', async () => {
  const source = template(`Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/nope
      Runtime: nodejs20.x
      Handler: index.handler
`);
  const file = writeTemplate(source);
  assert.equal(
    await errorOf(loadTemplate(file)),
    `${file}:6:16: Hello.Properties.CodeUri: CodeUri directory 'src/nope' does not exist (looked for ${file.replace('template.yaml', 'src/nope')})`,
  );
  const event = template(`Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Runtime: nodejs20.x
      Handler: index.handler
      Events:
        Hello:
          Type: Api
          Properties:
            Path: [not, a, string]
            Method: get
`);
  const eventFile = writeTemplate(event);
  assert.equal(await errorOf(loadTemplate(eventFile)), `${eventFile}:13:19: Hello.Properties.Events.Hello.Properties.Path: Path must be a string`);
});

test('structural errors: top level, Resources, Type, Transform, circular references', async () => {
  const list = writeTemplate('- a\n- b\n');
  assert.equal(await errorOf(loadTemplate(list)), `${list}: a template must be a mapping (Resources, Parameters, …) at the top level`);
  const noResources = writeTemplate('Description: x\n');
  assert.equal(await errorOf(loadTemplate(noResources)), `${noResources}: the template has no Resources section (at least one resource is required)`);
  const noType = writeTemplate('Resources:\n  Q:\n    Properties: {}\n');
  assert.equal(await errorOf(loadTemplate(noType)), `${noType}:2:3: Q: the resource has no Type`);
  const transform = writeTemplate('Transform: AWS::LanguageExtensions\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n');
  assert.match(await errorOf(loadTemplate(transform)), /:1:12: Transform: Transform "AWS::LanguageExtensions" is not supported/);
  const cycle = writeTemplate(
    'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: !GetAtt B.QueueName }\n  B:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: !Sub "${A}-b" }\n',
  );
  assert.equal(await errorOf(loadTemplate(cycle)), `${cycle}:2:3: A: Circular dependency between resources: [A, B]`);
  const json = writeTemplate('{\n  "Resources": {\n    "Q": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": { "Ref": "Nope" } } }\n  }\n}\n', {}, 'template.json');
  assert.match(await errorOf(loadTemplate(json)), /template\.json:3:77: Q\.Properties\.QueueName: Ref to 'Nope'/);
});

test('validateTemplate collects problems from several resources and lists warnings', async () => {
  const source = template(`Resources:
  One:
    Type: AWS::SQS::Queue
    Properties: { QueueName: !Ref Nope }
  Two:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: missing, Runtime: ruby3.3, Handler: a.b }
  Three:
    Properties: {}
  Machine:
    Type: AWS::StepFunctions::StateMachine
  Machine2:
    Type: AWS::StepFunctions::StateMachine
`);
  const file = writeTemplate(source);
  const { problems, warnings } = await validateTemplate(file);
  assert.deepEqual(
    problems.map((p) => `${p.line}:${p.column} ${p.logicalId}.${p.path ?? ''} ${p.message}`),
    [
      "9:3 Three. the resource has no Type",
      "5:30 One.Properties.QueueName Ref to 'Nope', which is neither a parameter nor a resource of this template",
      '8:46 Two.Properties.Runtime Runtime ruby3.3 is not supported by Stratus (supported: nodejs*.x, python3.*, provided, provided.al2, provided.al2023)',
    ],
  );
  assert.equal(problems[0]!.text, `${file}:9:3: Three: the resource has no Type`);
  assert.deepEqual(warnings, ['AWS::StepFunctions::StateMachine: not run by Stratus yet']);
});

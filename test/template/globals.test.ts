import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTemplate } from '../../src/template/index';
import { errorOf, template, writeTemplate } from './helpers';

const files = { 'src/': '', 'other/': '', 'layer-a/': '', 'layer-b/': '' };

test('Globals: maps merge key-wise, lists concatenate globals first, the resource wins on primitives', async () => {
  const source = template(`Globals:
  Function:
    Runtime: nodejs20.x
    Handler: index.handler
    CodeUri: src
    Timeout: 20
    Layers: [!Ref LayerA]
    Environment:
      Variables:
        A: global
        B: global
Resources:
  LayerA:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: layer-a }
  LayerB:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: layer-b }
  Plain:
    Type: AWS::Serverless::Function
  Custom:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: other
      Timeout: 5
      Runtime: python3.12
      Layers: [!Ref LayerB]
      Environment:
        Variables:
          B: local
          C: local
`);
  const file = writeTemplate(source, files);
  const model = await loadTemplate(file);
  const [plain, custom] = model.functions;
  assert.equal(plain!.timeoutSeconds, 20);
  assert.equal(plain!.runtime, 'nodejs20.x');
  assert.deepEqual(plain!.environment, { A: 'global', B: 'global' });
  assert.equal(custom!.timeoutSeconds, 5);
  assert.equal(custom!.runtime, 'python3.12');
  assert.match(custom!.codeDir, /project\/other$/);
  assert.deepEqual(custom!.environment, { A: 'global', B: 'local', C: 'local' });
  assert.deepEqual(custom!.layerDirs.map((dir) => dir.split('/').pop()), ['layer-a', 'layer-b']);
});

test('Globals for Api apply to the implicit API; unsupported Globals keys are errors with a position', async () => {
  const source = template(`Globals:
  Api:
    BinaryMediaTypes: ['image~1png']
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src
      Events:
        Get: { Type: Api, Properties: { Path: /, Method: get } }
`);
  const model = await loadTemplate(writeTemplate(source, files));
  assert.deepEqual(model.apis[0]!.binaryMediaTypes, ['image/png']);
  const bad = template(`Globals:\n  Function:\n    FunctionName: nope\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n`);
  const file = writeTemplate(bad);
  assert.equal(
    await errorOf(loadTemplate(file)),
    `${file}:4:5: Globals.Function.FunctionName: 'Globals' section is invalid: 'FunctionName' is not a supported property of 'Function'`,
  );
  const badSection = template(`Globals:\n  Queue:\n    X: 1\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n`);
  assert.match(await errorOf(loadTemplate(writeTemplate(badSection))), /:3:3: Globals\.Queue: 'Globals' section is invalid: 'Queue' is not supported/);
});

test('an error in a value that came from Globals points into the Globals section', async () => {
  const source = template(`Globals:\n  Function:\n    CodeUri: missing\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n`);
  const file = writeTemplate(source);
  assert.match(await errorOf(loadTemplate(file)), /template\.yaml:4:14: Fn\.Properties\.CodeUri: CodeUri directory 'missing' does not exist/);
});

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadTemplate } from '../../src/template/index';
import { errorOf, template, writeTemplate } from './helpers';

const appDir = fileURLToPath(new URL('../fixtures/templates/app/', import.meta.url));

test('the fixture app: functions with Globals, physical names from Sub, env stringified, layers', async () => {
  const model = await loadTemplate(join(appDir, 'template.yaml'));
  assert.equal(model.stackName, 'app');
  const [hello, orders] = model.functions;
  assert.equal(hello!.name, 'HelloFunction');
  assert.equal(hello!.memoryMb, 256);
  assert.equal(hello!.timeoutSeconds, 10);
  assert.equal(hello!.codeDir, join(appDir, 'src/hello'));
  assert.deepEqual(hello!.environment, {
    STAGE: 'dev',
    SHARED: 'from-function',
    QUEUE_URL: 'http://127.0.0.1:4566/000000000000/app-work',
    QUEUE_ARN: 'arn:aws:sqs:us-east-1:000000000000:app-work',
    PORT: '8080',
  });
  assert.deepEqual(hello!.layerDirs, [join(appDir, 'layers/shared')]);
  assert.deepEqual(model.layers, [{ logicalId: 'SharedLayer', name: 'app-shared', contentDir: join(appDir, 'layers/shared') }]);
  assert.equal(orders!.name, 'app-orders');
  assert.equal(orders!.family, 'python');
  assert.deepEqual(orders!.events[1], { name: 'Queue', type: 'SQS', properties: { Queue: 'arn:aws:sqs:us-east-1:000000000000:app-work', BatchSize: 5 } });
});

test('the fixture app: explicit APIs first, then implicit REST (Prod) and HTTP ($default) with their routes', async () => {
  const model = await loadTemplate(join(appDir, 'template.yaml'));
  assert.deepEqual(model.apis.map((api) => [api.logicalId, api.kind, api.stageName, api.implicit]), [
    ['OrdersApi', 'rest', 'v1', false],
    ['ServerlessRestApi', 'rest', 'Prod', true],
    ['ServerlessHttpApi', 'http', '$default', true],
  ]);
  assert.deepEqual(model.apis[0]!.routes, [
    { method: 'POST', path: '/orders/{id}', functionLogicalId: 'OrdersFunction', apiLogicalId: 'OrdersApi', payloadFormatVersion: '1.0', timeoutMs: 29000 },
  ]);
  assert.deepEqual(model.apis[0]!.binaryMediaTypes, ['image/png']);
  assert.equal(model.apis[1]!.routes[0]!.path, '/hello');
  assert.equal(model.apis[1]!.cors, "'*'");
  assert.deepEqual(model.apis[2]!.routes[0], {
    method: 'ANY', path: '$default', functionLogicalId: 'HelloFunction', apiLogicalId: 'ServerlessHttpApi', payloadFormatVersion: '2.0', timeoutMs: 30000,
  });
});

test('the fixture app: outputs resolved (implicit API id, generated role), conditional output skipped, warnings once per type', async () => {
  const model = await loadTemplate(join(appDir, 'template.yaml'));
  const [url, role] = model.outputs;
  assert.match(String(url!.value), /^https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com\/Prod\/hello$/);
  assert.deepEqual(role, { name: 'RoleArn', value: 'arn:aws:iam::000000000000:role/HelloFunctionRole', description: 'Role of HelloFunction' });
  assert.equal(model.outputs.length, 2);
  assert.deepEqual(model.warnings, ['AWS::StepFunctions::StateMachine: not run by Stratus yet']);
  assert.equal(model.resources.WorkQueue!.physicalName, 'app-work');
  assert.equal(model.resources.ProdOnlyTopic, undefined);
});

test('AWS::Lambda::Function with Code as a path or Code.ZipFile, and explicit HttpApi routes', async () => {
  const source = template(`Resources:
  PathFn:
    Type: AWS::Lambda::Function
    Properties:
      Code: code
      Handler: main.handler
      Runtime: nodejs22.x
      Timeout: 60
      MemorySize: 512
      Environment: { Variables: { FLAG: true } }
  InlineFn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: inline-fn
      Runtime: python3.12
      Handler: index.handler
      Code:
        ZipFile: |
          def handler(event, context):
              return 1
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: live
  Routed:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: provided.al2023
      CodeUri: code
      Events:
        Get:
          Type: HttpApi
          Properties: { ApiId: !Ref Api, Path: /items, Method: get, PayloadFormatVersion: '1.0', TimeoutInMillis: 5000 }
`);
  const file = writeTemplate(source, { 'code/': '' });
  const model = await loadTemplate(file);
  const [pathFn, inlineFn, routed] = model.functions;
  assert.deepEqual([pathFn!.timeoutSeconds, pathFn!.memoryMb, pathFn!.environment], [60, 512, { FLAG: 'true' }]);
  assert.equal(inlineFn!.name, 'inline-fn');
  assert.equal(readFileSync(join(inlineFn!.codeDir, 'index.py'), 'utf8'), 'def handler(event, context):\n    return 1\n');
  assert.equal(inlineFn!.codeDir, join(file, '..', '.stratus', 'inline', 'InlineFn'));
  assert.equal(routed!.handler, '');
  assert.deepEqual(model.apis.map((a) => [a.logicalId, a.stageName, a.routes.length]), [['Api', 'live', 1]]);
  assert.deepEqual(model.apis[0]!.routes[0], {
    method: 'GET', path: '/items', functionLogicalId: 'Routed', apiLogicalId: 'Api', payloadFormatVersion: '1.0', timeoutMs: 5000,
  });
});

test('InlineCode for a SAM function is written as index.js; Timeout and MemorySize defaults apply', async () => {
  const source = template(`Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => 'ok';"
`);
  const model = await loadTemplate(writeTemplate(source));
  const fn = model.functions[0]!;
  assert.ok(existsSync(join(fn.codeDir, 'index.js')));
  assert.deepEqual([fn.timeoutSeconds, fn.memoryMb, fn.architectures], [3, 128, ['x86_64']]);
});

test('unsupported runtimes, image functions, missing handlers and bad RestApiId are errors', async () => {
  const fn = (props: string) =>
    template(`Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: .\n${props}`);
  const file = writeTemplate(fn('      Runtime: java21\n      Handler: a::b\n'));
  assert.equal(
    await errorOf(loadTemplate(file)),
    `${file}:7:16: Fn.Properties.Runtime: Runtime java21 is not supported by Stratus (supported: nodejs*.x, python3.*, provided, provided.al2, provided.al2023)`,
  );
  assert.match(await errorOf(loadTemplate(writeTemplate(fn('      PackageType: Image\n')))), /PackageType Image is not supported/);
  assert.match(await errorOf(loadTemplate(writeTemplate(fn('      Runtime: nodejs20.x\n')))), /Fn: Handler is required for runtime nodejs20.x/);
  const badApi = fn('      Runtime: nodejs20.x\n      Handler: a.b\n      Events:\n        E: { Type: Api, Properties: { RestApiId: abc, Path: /, Method: get } }\n');
  assert.match(await errorOf(loadTemplate(writeTemplate(badApi))), /RestApiId must be a valid reference to an 'AWS::Serverless::Api' resource/);
});

test('external layer ARNs are warned about and skipped', async () => {
  const source = template(`Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: .
      Runtime: nodejs20.x
      Handler: a.b
      Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:x:3']
`);
  const model = await loadTemplate(writeTemplate(source));
  assert.deepEqual(model.functions[0]!.layerDirs, []);
  assert.deepEqual(model.warnings, ['Fn: layer arn:aws:lambda:us-east-1:123456789012:layer:x:3 is not defined in this template; Stratus skips it']);
});

/**
 * WebSocket APIs in the template loader: AWS::ApiGatewayV2::Api (WEBSOCKET) with its Route,
 * Integration, RouteResponse and Stage resources, Ref/GetAtt values, and errors that name the
 * resource, the property and the line:column.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTemplate, validateTemplate } from '../../src/template/index';
import { writeTemplate } from '../template/helpers';

const fn = (id: string) => `
  ${id}:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => ({ statusCode: 200 })"`;

const integration = (id: string, uri = `!Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations`) => `
  ${id}:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Ws
      IntegrationType: AWS_PROXY
      IntegrationUri: ${uri}`;

const route = (id: string, key: string, target = '!Sub integrations/${Integ}') => `
  ${id}:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Ws
      RouteKey: ${key}
      Target: ${target}`;

const api = (expression = '$request.body.action') => `
  Ws:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: ${expression}`;

const stage = `
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Ws
      StageName: prod`;

const templateOf = (...resources: string[]) => `Transform: AWS::Serverless-2016-10-31\nResources:${resources.join('')}\n`;

test('a WebSocket API with routes, a two-way route and a stage becomes the model', async () => {
  const path = writeTemplate(
    templateOf(
      fn('Fn'),
      api(),
      integration('Integ'),
      route('Connect', '$connect'),
      route('Default', '$default'),
      `
  DefaultResponse:
    Type: AWS::ApiGatewayV2::RouteResponse
    Properties:
      ApiId: !Ref Ws
      RouteId: !Ref Default
      RouteResponseKey: $default
  Deployment:
    Type: AWS::ApiGatewayV2::Deployment
    Properties:
      ApiId: !Ref Ws
  Permission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: apigateway.amazonaws.com`,
      stage,
    ) + `Outputs:\n  Endpoint:\n    Value: !GetAtt Ws.ApiEndpoint\n  Id:\n    Value: !Ref Ws\n`,
  );
  const model = await loadTemplate(path, { webSocketEndpoints: { Ws: 'ws://127.0.0.1:3001' } });
  assert.deepEqual(model.warnings, []);
  const [ws] = model.webSocketApis!;
  assert.equal(ws!.routeSelectionExpression, '$request.body.action');
  assert.deepEqual(ws!.stages, ['prod']);
  assert.deepEqual(
    ws!.routes.map((r) => [r.routeKey, r.functionLogicalId, r.twoWay]),
    [
      ['$connect', 'Fn', false],
      ['$default', 'Fn', true],
    ],
  );
  assert.equal(model.outputs.find((o) => o.name === 'Endpoint')!.value, 'ws://127.0.0.1:3001');
  assert.equal(model.outputs.find((o) => o.name === 'Id')!.value, ws!.apiId);
  assert.match(ws!.apiId, /^[a-z0-9]{10}$/);
});

test('without a local endpoint ApiEndpoint is the wss:// URL AWS gives; no stage serves "production" with a warning', async () => {
  const path = writeTemplate(templateOf(fn('Fn'), api('${request.body.kind}'), integration('Integ'), route('Default', '$default')) + `Outputs:\n  Endpoint:\n    Value: !GetAtt Ws.ApiEndpoint\n`);
  const model = await loadTemplate(path);
  assert.match(String(model.outputs[0]!.value), /^wss:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
  assert.deepEqual(model.webSocketApis![0]!.stages, ['production']);
  assert.ok(model.warnings.some((w) => /no AWS::ApiGatewayV2::Stage/.test(w)));
});

test('an IntegrationUri to an alias of a template function still finds it; an HTTP-protocol v2 API is warned about', async () => {
  const path = writeTemplate(
    templateOf(
      fn('Fn'),
      api(),
      integration('Integ', '!Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}:live/invocations'),
      route('Default', '$default'),
      stage,
      `
  Http:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: HTTP`,
    ),
  );
  const model = await loadTemplate(path);
  assert.equal(model.webSocketApis![0]!.routes[0]!.functionLogicalId, 'Fn');
  assert.ok(model.warnings.some((w) => /ProtocolType HTTP\): not run by Stratus yet/.test(w)));
});

test('template errors name the resource, the property and the line:column', async () => {
  const cases: [string, string, RegExp][] = [
    [templateOf(fn('Fn'), api('action'), integration('Integ'), route('Default', '$default'), stage), 'Ws', /RouteSelectionExpression must look like \$request\.body/],
    [templateOf(fn('Fn'), api(), integration('Integ'), route('Default', '$default', 'somewhere/else'), stage), 'Default', /Target must be integrations\/<IntegrationId>/],
    [templateOf(fn('Fn'), api(), integration('Integ'), route('Default', '$default', 'integrations/nope'), stage), 'Default', /names integration 'nope'/],
    [templateOf(fn('Fn'), api(), integration('Integ', 'arn:aws:lambda:us-east-1:000000000000:function:Elsewhere'), route('Default', '$default'), stage), 'Integ', /IntegrationUri must name a function of this template/],
    [templateOf(fn('Fn'), api(), integration('Integ'), route('A', 'echo'), route('B', 'echo'), stage), 'B', /RouteKey 'echo' is already used/],
  ];
  for (const [source, logicalId, message] of cases) {
    const { problems } = await validateTemplate(writeTemplate(source));
    const problem = problems.find((p) => message.test(p.message));
    assert.ok(problem, `expected ${message} in ${JSON.stringify(problems)}`);
    assert.equal(problem!.logicalId, logicalId);
    assert.ok(problem!.line! > 0 && problem!.column! > 0, problem!.text);
  }
});

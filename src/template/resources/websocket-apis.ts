/**
 * WebSocket APIs: AWS::ApiGatewayV2::Api with ProtocolType WEBSOCKET, put together from its
 * Route, Integration, RouteResponse and Stage resources (SAM has no WebSocket resource, so
 * templates write these CloudFormation types). Deployments and Lambda permissions are accepted
 * and need nothing locally.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-api.html
 */
import type { WebSocketApiSpec, WebSocketRouteSpec } from '../model';
import type { ResourceContext } from './context';

export const WEBSOCKET_TYPES = {
  api: 'AWS::ApiGatewayV2::Api',
  route: 'AWS::ApiGatewayV2::Route',
  integration: 'AWS::ApiGatewayV2::Integration',
  routeResponse: 'AWS::ApiGatewayV2::RouteResponse',
  stage: 'AWS::ApiGatewayV2::Stage',
} as const;

/** The stage served when the template declares none (AWS would serve nothing until a stage exists). */
export const DEFAULT_WEBSOCKET_STAGE = 'production';

/** `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations` */
const LAMBDA_INTEGRATION_URI = /^arn:[^:]+:apigateway:[^:]*:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

export function isWebSocketApi(ctx: ResourceContext): boolean {
  return ctx.raw.type === WEBSOCKET_TYPES.api && ctx.properties.ProtocolType === 'WEBSOCKET';
}

/**
 * Builds every WebSocket API of the template. `functionArns` maps each template function's ARN
 * (as `Fn::GetAtt F.Arn` gives it) to its logical id, so an IntegrationUri finds its function.
 */
export function buildWebSocketApis(contexts: ResourceContext[], functionArns: Map<string, string>, attempt: <T>(step: () => T) => T | undefined): WebSocketApiSpec[] {
  const apis = new Map<string, WebSocketApiSpec>();
  const httpProtocol = contexts.find((c) => c.raw.type === WEBSOCKET_TYPES.api && !isWebSocketApi(c));
  if (httpProtocol) httpProtocol.warn(`${WEBSOCKET_TYPES.api} (ProtocolType ${String(httpProtocol.properties.ProtocolType)}): not run by Stratus yet`);
  for (const ctx of contexts.filter(isWebSocketApi)) {
    const api = attempt(() => readApi(ctx));
    if (api) apis.set(api.apiId, api);
  }
  if (apis.size === 0) return [];
  const ofType = (type: string) => contexts.filter((c) => c.raw.type === type);
  const integrations = new Map<string, { ctx: ResourceContext; functionLogicalId?: string }>();
  for (const ctx of ofType(WEBSOCKET_TYPES.integration)) {
    if (!apis.has(String(ctx.properties.ApiId))) continue;
    const functionLogicalId = attempt(() => readIntegration(ctx, functionArns));
    integrations.set(String(ctx.env.refs.ref(ctx.logicalId, ['Resources', ctx.logicalId])), { ctx, functionLogicalId });
  }
  const twoWayRoutes = new Set(ofType(WEBSOCKET_TYPES.routeResponse).map((c) => String(c.properties.RouteId)));
  for (const ctx of ofType(WEBSOCKET_TYPES.route)) {
    const api = apis.get(String(ctx.properties.ApiId));
    if (!api) continue;
    const route = attempt(() => readRoute(ctx, integrations, twoWayRoutes, api));
    if (route) api.routes.push(route);
  }
  for (const ctx of ofType(WEBSOCKET_TYPES.stage)) {
    const api = apis.get(String(ctx.properties.ApiId));
    const stage = attempt(() => ctx.requiredString('StageName'));
    if (api && stage) api.stages.push(stage);
  }
  for (const api of apis.values()) {
    if (api.stages.length === 0) {
      contexts[0]!.warn(`${api.logicalId}: no AWS::ApiGatewayV2::Stage for this WebSocket API; Stratus serves it as stage '${DEFAULT_WEBSOCKET_STAGE}'`);
      api.stages.push(DEFAULT_WEBSOCKET_STAGE);
    }
  }
  return [...apis.values()];
}

function readApi(ctx: ResourceContext): WebSocketApiSpec {
  const routeSelectionExpression = ctx.requiredString('RouteSelectionExpression', ' for a WEBSOCKET API');
  if (!/^\$request\.body\.[A-Za-z0-9_$.-]+$/.test(routeSelectionExpression) && !/^\$\{request\.body\.[A-Za-z0-9_$.-]+\}$/.test(routeSelectionExpression)) {
    throw ctx.fail(`RouteSelectionExpression must look like $request.body.<field>, got '${routeSelectionExpression}'`, ['RouteSelectionExpression']);
  }
  for (const key of ['Body', 'BodyS3Location']) {
    if (ctx.properties[key] !== undefined) ctx.warn(`${ctx.logicalId}: ${key} is not read by Stratus; routes come from AWS::ApiGatewayV2::Route resources`);
  }
  return {
    logicalId: ctx.logicalId,
    apiId: String(ctx.env.refs.ref(ctx.logicalId, ['Resources', ctx.logicalId])),
    name: ctx.optionalString('Name') ?? ctx.logicalId,
    routeSelectionExpression,
    stages: [],
    routes: [],
  };
}

function readIntegration(ctx: ResourceContext, functionArns: Map<string, string>): string | undefined {
  const type = ctx.requiredString('IntegrationType');
  if (type !== 'AWS_PROXY') {
    ctx.warn(`${ctx.logicalId}: IntegrationType ${type} is not run by Stratus yet (only AWS_PROXY to a template function)`);
    return undefined;
  }
  const uri = ctx.requiredString('IntegrationUri', ' for an AWS_PROXY integration');
  const functionArn = uri.match(LAMBDA_INTEGRATION_URI)?.[1] ?? uri;
  // An alias or version qualifier (`:live`, `:3`) still names the same template function.
  const logicalId = functionArns.get(functionArn) ?? functionArns.get(functionArn.split(':').slice(0, 7).join(':'));
  if (!logicalId) throw ctx.fail(`IntegrationUri must name a function of this template (arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<FunctionArn>/invocations), got '${uri}'`, ['IntegrationUri']);
  return logicalId;
}

function readRoute(
  ctx: ResourceContext,
  integrations: Map<string, { functionLogicalId?: string }>,
  twoWayRoutes: Set<string>,
  api: WebSocketApiSpec,
): WebSocketRouteSpec {
  const routeKey = ctx.requiredString('RouteKey');
  if (api.routes.some((r) => r.routeKey === routeKey)) throw ctx.fail(`RouteKey '${routeKey}' is already used by another route of ${api.logicalId}`, ['RouteKey']);
  const authorization = ctx.optionalString('AuthorizationType') ?? 'NONE';
  if (authorization !== 'NONE') ctx.warn(`${ctx.logicalId}: AuthorizationType ${authorization} is not applied by Stratus yet (the route is open)`);
  const target = ctx.optionalString('Target');
  let functionLogicalId: string | undefined;
  if (target !== undefined) {
    const id = target.match(/^integrations\/(.+)$/)?.[1];
    if (!id) throw ctx.fail(`Target must be integrations/<IntegrationId>, got '${target}'`, ['Target']);
    const integration = integrations.get(id);
    if (!integration) throw ctx.fail(`Target names integration '${id}', which is not an AWS::ApiGatewayV2::Integration of ${api.logicalId}`, ['Target']);
    functionLogicalId = integration.functionLogicalId;
  }
  const routeId = String(ctx.env.refs.ref(ctx.logicalId, ['Resources', ctx.logicalId]));
  return { logicalId: ctx.logicalId, routeKey, functionLogicalId, twoWay: twoWayRoutes.has(routeId) };
}

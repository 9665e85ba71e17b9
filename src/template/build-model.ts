import { evaluate } from './intrinsics/evaluate';
import type { ApiSpec, FunctionSpec, LayerSpec, ResolvedResource, RouteSpec, WebSocketApiSpec } from './model';
import type { ProblemSink } from './problems';
import type { RawResource } from './raw-resources';
import { attachRoutes, buildHttpApi, buildRestApi } from './resources/apis';
import { ResourceContext, type BuildEnvironment } from './resources/context';
import { buildLambdaFunction, buildServerlessFunction } from './resources/functions';
import { notRunWarning } from './resources/known-types';
import { buildLayer } from './resources/layers';
import { buildWebSocketApis } from './resources/websocket-apis';

export interface BuiltResources {
  functions: FunctionSpec[];
  apis: ApiSpec[];
  webSocketApis: WebSocketApiSpec[];
  layers: LayerSpec[];
  resources: Record<string, ResolvedResource>;
}

const LAYER_TYPES = ['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion'];

/**
 * Resolves every created resource's properties, then builds layers first (functions refer to
 * them by ARN), functions, and APIs (explicit in template order, then the implicit ones).
 */
export function buildResources(template: RawResource[], generated: RawResource[], env: BuildEnvironment, sink: ProblemSink): BuiltResources {
  const contexts = new Map<string, ResourceContext>();
  const resources: Record<string, ResolvedResource> = {};
  for (const raw of [...template, ...generated]) {
    if (!raw.active) continue;
    const path = ['Resources', raw.logicalId, 'Properties'];
    const properties = sink.attempt(() => evaluate(raw.properties, path, env.scope) as Record<string, unknown>);
    if (!properties) continue;
    contexts.set(raw.logicalId, new ResourceContext(env, raw, properties));
    if (raw.generatedFrom) continue;
    const physicalName = sink.attempt(() => env.refs.physicalName(raw.logicalId, ['Resources', raw.logicalId])) ?? raw.logicalId;
    resources[raw.logicalId] = { logicalId: raw.logicalId, type: raw.type, properties, physicalName };
    const warning = notRunWarning(raw.type);
    if (warning) sink.warn(warning);
  }
  const all = [...contexts.values()];
  const layers = buildAll(all.filter((c) => LAYER_TYPES.includes(c.raw.type)), buildLayer, sink);
  for (const layer of layers) {
    const arn = sink.attempt(() => env.refs.ref(layer.logicalId, ['Resources', layer.logicalId]));
    if (typeof arn === 'string') env.layersByArn.set(arn, layer);
  }
  const functions = buildAll(all, (c) => functionOf(c), sink);
  const apis = [
    ...buildAll(all.filter((c) => !c.raw.generatedFrom), apiOf, sink),
    ...buildAll(all.filter((c) => c.raw.generatedFrom), apiOf, sink),
  ];
  attachRoutes(apis, routesOf(functions));
  const functionArns = new Map<string, string>();
  for (const fn of functions) {
    const arn = sink.attempt(() => env.refs.getAtt(fn.logicalId, 'Arn', ['Resources', fn.logicalId]));
    if (typeof arn === 'string') functionArns.set(arn, fn.logicalId);
  }
  const webSocketApis = buildWebSocketApis(all.filter((c) => !c.raw.generatedFrom), functionArns, (step) => sink.attempt(step));
  return { functions, apis, webSocketApis, layers, resources };
}

function functionOf(ctx: ResourceContext): FunctionSpec | undefined {
  if (ctx.raw.type === 'AWS::Serverless::Function') return buildServerlessFunction(ctx);
  if (ctx.raw.type === 'AWS::Lambda::Function') return buildLambdaFunction(ctx);
  return undefined;
}

function apiOf(ctx: ResourceContext): ApiSpec | undefined {
  const implicit = ctx.raw.generatedFrom !== undefined;
  if (ctx.raw.type === 'AWS::Serverless::Api') return buildRestApi(ctx, implicit);
  if (ctx.raw.type === 'AWS::Serverless::HttpApi') return buildHttpApi(ctx, implicit);
  return undefined;
}

function routesOf(functions: FunctionSpec[]): RouteSpec[] {
  return functions.flatMap((fn) => fn.events.flatMap((event) => ('route' in event ? [event.route] : [])));
}

function buildAll<T>(contexts: ResourceContext[], build: (ctx: ResourceContext) => T | undefined, sink: ProblemSink): T[] {
  const built: T[] = [];
  for (const ctx of contexts) {
    const item = sink.attempt(() => build(ctx));
    if (item !== undefined) built.push(item);
  }
  return built;
}

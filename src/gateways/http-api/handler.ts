/**
 * One request through one API: read it, select the route, build the event, invoke the function
 * under the integration timeout, and map the result (or the failure) to an answer as API
 * Gateway does. Never throws: every path ends in an answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../shared/clock';
import type { FunctionInvoker, InvokeOutcome } from '../../services/functions/types';
import { pathBelowStage, type ApiContext } from './api-context';
import { writeAnswer, writeProblem, type RequestIds } from './answer';
import type { GatewayProblem } from './constants';
import { buildEventV1, type PathView } from './event-v1';
import { buildEventV2 } from './event-v2';
import { restRequestId, shortRequestId, traceId } from './ids';
import { BadTargetError, declaresTooLarge, EMPTY_BODY, hasBody, headerValue, PayloadTooLargeError, readBody, splitTarget, type GatewayRequest } from './request';
import { parseResultV1, type HttpAnswer } from './response-v1';
import { parseResultV2 } from './response-v2';
import { MalformedPathError, type RouteMatch } from './router';
import { withForwardingHeaders } from './forwarding';
import { applyPassed } from './auth/guards';
import type { ApiFeatures } from './features';

export interface HttpRequestLog {
  apiLogicalId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
  routeKey?: string;
  functionLogicalId?: string;
  /** Set when the gateway answered on its own (no route, timeout, function failure, …). */
  problem?: GatewayProblem;
}

export interface HandlerDeps {
  invoker: FunctionInvoker;
  clock: Clock;
  onRequest?(log: HttpRequestLog): void;
  /** True once the server is closing: answers then close their connection. */
  closing(): boolean;
}

type Outcome = { answer: HttpAnswer } | { problem: GatewayProblem };
interface Served {
  outcome: Outcome;
  match?: RouteMatch;
}

/**
 * Where a request path puts the API: by default the stage prefix is removed; behind a custom
 * domain the base path is (domains/), and the event shows the path as received.
 */
export interface PathLocator {
  routePath(rawPath: string): string;
  view(rawPath: string, routePath: string): PathView;
}

export function createRequestHandler(ctx: ApiContext, deps: HandlerDeps, locator?: PathLocator) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void handle(ctx, deps, req, res, locator);
  };
}

async function handle(ctx: ApiContext, deps: HandlerDeps, req: IncomingMessage, res: ServerResponse, locator?: PathLocator): Promise<void> {
  const receivedAt = deps.clock.now();
  const ids = newIds(ctx, receivedAt);
  if (deps.closing()) res.shouldKeepAlive = false;
  const served: Served = { outcome: { problem: 'functionFailed' } };
  try {
    served.outcome = await respond(ctx, deps, req, ids, receivedAt, served, locator);
  } catch {
    served.outcome = { problem: 'functionFailed' };
  }
  const { outcome, match } = served;
  let status: number;
  if ('answer' in outcome && writesCleanly(res, ctx, ids, outcome.answer)) {
    status = outcome.answer.status;
  } else if ('answer' in outcome) {
    status = writeProblem(res, ctx.kind, ids, 'functionFailed');
  } else {
    // The rest of an oversized or unreadable request may still be arriving: drop the connection.
    if (outcome.problem === 'tooLarge' || outcome.problem === 'badRequest') res.shouldKeepAlive = false;
    status = writeProblem(res, ctx.kind, ids, outcome.problem);
  }
  report(deps, {
    apiLogicalId: ctx.api.logicalId,
    method: req.method ?? '',
    path: req.url ?? '',
    status,
    durationMs: deps.clock.now() - receivedAt,
    requestId: ids.requestId,
    routeKey: match?.route.routeKey,
    functionLogicalId: match?.route.spec.functionLogicalId,
    problem: 'problem' in outcome ? outcome.problem : undefined,
  });
}

/** A header the function wrote that HTTP cannot carry (e.g. a newline in it) is a malformed result. */
function writesCleanly(res: ServerResponse, ctx: ApiContext, ids: RequestIds, answer: HttpAnswer): boolean {
  try {
    writeAnswer(res, ctx.kind, ids, answer);
    return true;
  } catch {
    return false;
  }
}

function report(deps: HandlerDeps, log: HttpRequestLog): void {
  try {
    deps.onRequest?.(log);
  } catch {
    // A failing observer must not take the gateway down.
  }
}

async function respond(
  ctx: ApiContext,
  deps: HandlerDeps,
  req: IncomingMessage,
  ids: RequestIds,
  receivedAt: number,
  served: Served,
  locator?: PathLocator,
): Promise<Outcome> {
  if (declaresTooLarge(req)) return { problem: 'tooLarge' };
  let target: { rawPath: string; rawQuery: string };
  let body: Buffer;
  let below: string;
  let match: RouteMatch | null;
  try {
    target = splitTarget(req.url ?? '/');
    body = hasBody(req) ? await readBody(req) : EMPTY_BODY;
    below = locator ? locator.routePath(target.rawPath) : pathBelowStage(ctx, target.rawPath);
    match = ctx.router.match(req.method ?? 'GET', below);
  } catch (err) {
    if (err instanceof PayloadTooLargeError) return { problem: 'tooLarge' };
    if (err instanceof BadTargetError || err instanceof MalformedPathError) return { problem: 'badRequest' };
    throw err;
  }
  const features = ctx.features;
  if (features?.httpCors?.isPreflight(req.method ?? '', req.rawHeaders)) return { answer: features.httpCors.preflight(req.rawHeaders) };
  const corsMock = features?.restCors && req.method === 'OPTIONS' && match?.route.method !== 'OPTIONS' ? features.restCors.resourceOf(below) : undefined;
  if (corsMock) match = corsMock;
  if (!match) return { problem: 'noRoute' };
  served.match = match;
  const request: GatewayRequest = {
    method: req.method ?? 'GET',
    rawPath: target.rawPath,
    rawQuery: target.rawQuery,
    rawHeaders: withForwardingHeaders(req, ids.traceId),
    body,
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    protocol: `HTTP/${req.httpVersion}`,
    receivedAt,
  };
  const paths: PathView = locator ? locator.view(target.rawPath, below) : { belowStage: below, withStage: ctx.stagePrefix + below };
  const domainName = headerValue(request.rawHeaders, 'host') ?? 'localhost';
  const v1 = match.route.spec.payloadFormatVersion === '1.0';
  const event = v1
    ? buildEventV1(ctx, request, match, ids, paths, domainName)
    : buildEventV2(ctx, request, match, ids, paths, domainName);
  if (features) {
    const routeMatch = match;
    const build = (version: '1.0' | '2.0') =>
      version === '1.0' ? buildEventV1(ctx, request, routeMatch, ids, paths, domainName) : buildEventV2(ctx, request, routeMatch, ids, paths, domainName);
    const early = await beforeIntegration(ctx, features, { request, match, below, event, build, requestId: ids.requestId, isCorsMock: corsMock !== undefined });
    if (early) return early;
  }
  const result = await invokeWithin(deps.invoker, match.route.spec.functionLogicalId, JSON.stringify(event), match.route.spec.timeoutMs);
  if (result === 'timeout') return { problem: 'timeout' };
  if (result.status === 'throttled') return { problem: 'throttled' };
  if (result.status === 'error') return { problem: 'functionFailed' };
  const answer = v1
    ? parseResultV1(result.payload, { kind: ctx.kind, binaryMediaTypes: ctx.binaryMediaTypes, accept: headerValue(request.rawHeaders, 'accept') })
    : parseResultV2(result.payload);
  if (!answer) return { problem: 'functionFailed' };
  return { answer: features?.httpCors ? features.httpCors.decorate(answer, request.rawHeaders) : answer };
}

interface BeforeIntegration {
  request: GatewayRequest;
  match: RouteMatch;
  below: string;
  event: Record<string, unknown>;
  build(version: '1.0' | '2.0'): Record<string, unknown>;
  requestId: string;
  isCorsMock: boolean;
}

/**
 * The guards (API key, authorizer), then the integrations that are not functions (SAM's CORS
 * mock, S3): an answer ends the request here; undefined lets the function run.
 */
async function beforeIntegration(ctx: ApiContext, features: ApiFeatures, b: BeforeIntegration): Promise<Outcome | undefined> {
  const auth = b.isCorsMock ? features.preflightAuth : features.guards?.routeAuth(b.match.route.spec);
  if (auth && features.guards) {
    const events: Partial<Record<'1.0' | '2.0', Record<string, unknown>>> = { [b.match.route.spec.payloadFormatVersion]: b.event };
    const result = await features.guards.check(auth, {
      route: b.match.route.spec,
      req: b.request,
      pathBelowStage: b.below,
      event: (version) => (events[version] ??= b.build(version)),
    });
    if (!result.ok) return { answer: features.httpCors ? features.httpCors.decorate(result.answer, b.request.rawHeaders) : result.answer };
    applyPassed(b.event, ctx.kind, result);
  }
  if (b.isCorsMock) return { answer: features.restCors!.answer(b.match.route.spec.path) };
  if (b.match.route.spec.s3) {
    const s3 = features.s3.get(b.match.route.spec);
    const answer = s3 ? await s3.answer(b.match.pathParameters, b.requestId) : undefined;
    return answer ? { answer } : { problem: 'functionFailed' };
  }
  return undefined;
}

/**
 * The integration timeout is the gateway's own timer: it answers when it fires and lets the
 * invocation run on to the function's own timeout, as on AWS.
 */
function invokeWithin(invoker: FunctionInvoker, name: string, payload: string, timeoutMs: number): Promise<InvokeOutcome | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, timeoutMs, 'timeout');
    invoker.invoke(name, payload).then(
      (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

function newIds(ctx: ApiContext, now: number): RequestIds {
  const short = shortRequestId();
  return ctx.kind === 'rest'
    ? { requestId: restRequestId(), extendedRequestId: short, traceId: traceId(now) }
    : { requestId: short, extendedRequestId: short, traceId: traceId(now) };
}

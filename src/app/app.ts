/**
 * The composition root: the only place that wires the layers together. Components start in
 * order and stop in reverse; if one fails to start, those already started are stopped.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { AdjustableClock, systemClock, type Clock } from '../shared/clock';
import { loadTemplate } from '../template';
import type { AppModel, ApiSpec, WebSocketApiSpec } from '../template/model';
import { openEngine } from '../engine';
import type { Engine } from '../engine/types';
import { createLogService, type LogService } from '../services/logs';
import { FunctionService } from '../services/functions/service';
import { createNodeDriver } from '../runtime/node';
import { createPythonDriver, createProvidedDriver } from '../runtime/runtime-api';
import type { RuntimeDriver } from '../runtime/types';
import { startHttpApis, type HttpApiServers } from '../gateways/http-api';
import { startEdgeServer, type EdgeHandler } from '../gateways/edge/server';
import { clockControl } from '../gateways/edge/clock-control';
import { awsEndpoints } from '../gateways/aws/registry';
import { sqsService } from '../gateways/aws/sqs';
import { snsService } from '../gateways/aws/sns';
import { sesService } from '../gateways/aws/ses';
import { dynamodbService } from '../gateways/aws/dynamodb';
import { dynamodbStreamsService } from '../gateways/aws/dynamodb/streams';
import type { AppConfig } from './config';
import { startAsyncStack, type AsyncStack } from './async-stack';
import { controlApi } from '../gateways/control/api';
import { eventsService } from '../gateways/aws/events';
import { queueArn, queueUrl } from '../services/queues';
import { environmentOverrides } from './environment-overrides';
import { ensureTemplateLogGroups } from './log-groups';
import { ConnectionService } from '../services/connections';
import { reserveWebSocketPorts, serveWebSocketApis, type PortReservation } from '../gateways/websocket';
import { apiGatewayManagementService } from '../gateways/aws/apigatewaymanagementapi';
import { bucketObjectSource } from './object-source';
import { startBuckets } from './buckets';

export interface RunningApp {
  model: AppModel;
  engine: Engine;
  logs: LogService;
  functions: FunctionService;
  queues: AsyncStack['queues'];
  topics: AsyncStack['topics'];
  mail: AsyncStack['mail'];
  tables: AsyncStack['tables'];
  events: AsyncStack['events'];
  schedules: AsyncStack['schedules'];
  asyncInvoker: AsyncStack['asyncInvoker'];
  /** S3 buckets; `buckets.getObject(bucket, key, { range })` is the read API for static files. */
  buckets: Awaited<ReturnType<typeof startBuckets>>;
  apiEndpoints: { api: ApiSpec; url: string }[];
  webSocketEndpoints: { api: WebSocketApiSpec; url: string }[];
  connections: ConnectionService;
  /** Custom domains, each on its own port, with their base-path mappings. */
  apiDomains: HttpApiServers['domains'];
  /** API keys of the template (generated values included). */
  apiKeys: HttpApiServers['apiKeys'];
  edgeUrl: string;
  /** Stops everything; in-flight API requests get up to `graceMs` to finish. */
  close(graceMs?: number): Promise<void>;
}

type Stop = () => Promise<void>;

/** Builds the model, engine, logs and functions: what `invoke` needs, without any listener. */
export async function openFunctions(config: AppConfig, clock: Clock = systemClock, endpointUrl?: string, webSocketEndpoints?: Record<string, string>) {
  const stops: Stop[] = [];
  try {
    const model = await loadTemplate(config.templatePath, {
      parameterOverrides: config.parameterOverrides,
      region: config.region,
      accountId: config.accountId,
      edgeUrl: endpointUrl,
      webSocketEndpoints,
    });
    mkdirSync(config.stateDir, { recursive: true });
    const engine = await openEngine(config.engineUrl);
    stops.push(() => engine.close());
    await ensureTemplateLogGroups(model, engine.logs);
    const logs = createLogService({ store: engine.logs, clock });
    stops.push(() => logs.close());
    const drivers: RuntimeDriver[] = [createNodeDriver(), createPythonDriver(), createProvidedDriver()];
    stops.push(async () => void (await Promise.all(drivers.map((d) => d.close?.()))));
    const functions = new FunctionService({
      functions: model.functions,
      drivers,
      logs,
      clock,
      region: config.region,
      accountId: config.accountId,
      endpointUrl,
      environmentOverrides: environmentOverrides(model.functions, config.envVars),
      maxInstances: config.maxInstances,
      hotReload: config.hotReload,
    });
    stops.push(() => functions.close());
    return { model, engine, logs, functions, stop: () => stopAll(stops) };
  } catch (err) {
    await stopAll(stops);
    throw err;
  }
}

export async function startApp(config: AppConfig, clock: Clock = config.adjustableClock ? new AdjustableClock() : systemClock): Promise<RunningApp> {
  const stops: Stop[] = [];
  try {
    const handlers: EdgeHandler[] = [];
    if (config.adjustableClock && clock instanceof AdjustableClock) handlers.push(clockControl(clock));
    const edge = await startEdgeServer({ host: config.host, port: config.edgePort, handlers });
    stops.push(() => edge.close());
    const reservation = await reserveWebSocketApiPorts(config, edge.url);
    stops.push(() => reservation.close());
    const core = await openFunctions(config, clock, edge.url, reservation.urls);
    stops.push(core.stop);
    // SQLite is one node: a fixed id lets a restart drop the rows of sockets that died with it.
    const multiNode = core.engine.backend === 'postgres';
    const connections = new ConnectionService({
      store: core.engine.connections,
      clock,
      node: multiNode ? randomUUID() : 'local',
      forwardThrough: multiNode ? core.engine.queues : undefined,
      onError: (err) => process.stderr.write(`stratus: websocket: ${(err as Error)?.message ?? String(err)}\n`),
    });
    await connections.start();
    stops.push(() => connections.stop());
    const asyncStack = await startAsyncStack({
      model: core.model,
      engine: core.engine,
      functions: core.functions,
      clock,
      region: config.region,
      accountId: config.accountId,
      endpointUrl: edge.url,
      smtpRelay: config.smtpRelay,
      testPauseAfterTickClaimMs: config.testPauseAfterTickClaimMs,
      onError: (err) => process.stderr.write(`stratus: ${(err as Error)?.message ?? String(err)}\n`),
    });
    stops.push(() => asyncStack.stop());
    const buckets = await startBuckets({ config, model: core.model, engine: core.engine, clock, dispatcher: asyncStack.dispatcher });
    // The edge listens first (handlers need its URL); the AWS endpoints join once the services exist.
    handlers.push(
      awsEndpoints({
        region: config.region,
        accountId: config.accountId,
        clock,
        functions: { ...bindFunctions(core.functions), invokeAsync: async (name, payload) => void (await asyncStack.asyncInvoker.invokeAsync(name, payload)) },
        layers: core.model.layers,
        logs: core.logs,
        logStore: core.engine.logs,
        auth: { credentials: config.awsCredentials },
        extraServices: [
          eventsService(asyncStack.events),
          sqsService(asyncStack.queues),
          snsService(asyncStack.topics),
          sesService(asyncStack.mail),
          dynamodbService(asyncStack.tables),
          dynamodbStreamsService(asyncStack.tables),
          apiGatewayManagementService(connections),
        ],
        buckets,
      }),
    );
    let apis: HttpApiServers | undefined;
    handlers.unshift(
      controlApi({
        ...asyncStack,
        apiOverview: () => apiOverview(apis),
        queueStore: core.engine.queues,
        clock,
        queueUrl: (name) => queueUrl({ region: config.region, accountId: config.accountId, endpointUrl: edge.url }, name),
        queueArn: (name) => queueArn({ region: config.region, accountId: config.accountId, endpointUrl: edge.url }, name),
        topicArn: (name) => `arn:aws:sns:${config.region}:${config.accountId}:${name}`,
      }),
    );
    apis = await startHttpApis({
      apis: core.model.apis,
      invoker: core.functions,
      host: config.host,
      port: config.port,
      region: config.region,
      accountId: config.accountId,
      clock,
      resources: core.model.resources,
      objects: bucketObjectSource(buckets),
      portsAfterApis: core.model.webSocketApis?.length ?? 0,
    });
    core.model.warnings.push(...apis.warnings);
    let graceForApis = 0;
    stops.push(() => apis.close(graceForApis));
    const webSockets = serveWebSocketApis({
      apis: core.model.webSocketApis ?? [],
      reservation,
      connections,
      invoker: core.functions,
      clock,
      onError: (err) => process.stderr.write(`stratus: websocket: ${(err as Error)?.message ?? String(err)}\n`),
    });
    stops.push(() => webSockets.close());
    return {
      ...core,
      ...asyncStack,
      buckets,
      apiEndpoints: apis.endpoints,
      webSocketEndpoints: webSockets.endpoints,
      connections,
      apiDomains: apis.domains,
      apiKeys: apis.apiKeys,
      edgeUrl: edge.url,
      close: (graceMs = 0) => {
        graceForApis = graceMs;
        return stopAll(stops);
      },
    };
  } catch (err) {
    await stopAll(stops);
    throw err;
  }
}

/**
 * WebSocket APIs take the ports after the HTTP APIs', and listen before the template is resolved:
 * `Fn::GetAtt Api.ApiEndpoint` is their local `ws://` URL. Only a template that mentions WEBSOCKET
 * pays for the extra load that finds them.
 */
async function reserveWebSocketApiPorts(config: AppConfig, edgeUrl: string): Promise<PortReservation> {
  let mentionsWebSocket = false;
  try {
    mentionsWebSocket = readFileSync(config.templatePath, 'utf8').includes('WEBSOCKET');
  } catch {
    // A missing template is reported by the real load, with its own message.
  }
  const probe = mentionsWebSocket
    ? await loadTemplate(config.templatePath, { parameterOverrides: config.parameterOverrides, region: config.region, accountId: config.accountId, edgeUrl })
    : undefined;
  const ids = (probe?.webSocketApis ?? []).map((api) => api.logicalId);
  return reserveWebSocketPorts(ids, config.host, config.port === 0 ? 0 : config.port + (probe?.apis.length ?? 0));
}

async function stopAll(stops: Stop[]): Promise<void> {
  for (const stop of stops.splice(0).reverse()) {
    try {
      await stop();
    } catch {
      // Keep stopping the rest: one component failing to stop must not leak the others.
    }
  }
}

/** What the control API's `GET apis` answers (empty until the APIs listen). */
function apiOverview(apis: HttpApiServers | undefined) {
  return {
    apis: (apis?.endpoints ?? []).map((e) => ({ logicalId: e.api.logicalId, kind: e.api.kind, url: e.url })),
    domains: (apis?.domains ?? []).map((d) => ({ name: d.name, url: d.url, mappings: d.mappings.map((m) => ({ basePath: m.basePath.join('/'), api: m.apiLogicalId })) })),
    apiKeys: (apis?.apiKeys ?? []).map((k) => ({ id: k.id, name: k.name, value: k.value, enabled: k.enabled })),
  };
}

/** The function service's methods as free functions (the Lambda adapter calls them detached). */
function bindFunctions(functions: FunctionService) {
  return {
    list: () => functions.list(),
    find: (name: string) => functions.find(name),
    arnOf: (spec: Parameters<FunctionService['arnOf']>[0]) => functions.arnOf(spec),
    invoke: (...args: Parameters<FunctionService['invoke']>) => functions.invoke(...args),
  };
}

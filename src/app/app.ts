/**
 * The composition root: the only place that wires the layers together. Components start in
 * order and stop in reverse; if one fails to start, those already started are stopped.
 */
import { mkdirSync } from 'node:fs';
import { AdjustableClock, systemClock, type Clock } from '../shared/clock';
import { loadTemplate } from '../template';
import type { AppModel, ApiSpec } from '../template/model';
import { openEngine } from '../engine';
import type { Engine } from '../engine/types';
import { createLogService, type LogService } from '../services/logs';
import { FunctionService } from '../services/functions/service';
import { createNodeDriver } from '../runtime/node';
import { createPythonDriver, createProvidedDriver } from '../runtime/runtime-api';
import type { RuntimeDriver } from '../runtime/types';
import { startHttpApis } from '../gateways/http-api';
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
  apiEndpoints: { api: ApiSpec; url: string }[];
  edgeUrl: string;
  /** Stops everything; in-flight API requests get up to `graceMs` to finish. */
  close(graceMs?: number): Promise<void>;
}

type Stop = () => Promise<void>;

/** Builds the model, engine, logs and functions: what `invoke` needs, without any listener. */
export async function openFunctions(config: AppConfig, clock: Clock = systemClock, endpointUrl?: string) {
  const stops: Stop[] = [];
  try {
    const model = await loadTemplate(config.templatePath, {
      parameterOverrides: config.parameterOverrides,
      region: config.region,
      accountId: config.accountId,
      edgeUrl: endpointUrl,
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
    const core = await openFunctions(config, clock, edge.url);
    stops.push(core.stop);
    const asyncStack = await startAsyncStack({
      model: core.model,
      engine: core.engine,
      functions: core.functions,
      clock,
      region: config.region,
      accountId: config.accountId,
      endpointUrl: edge.url,
      smtpRelay: config.smtpRelay,
      onError: (err) => process.stderr.write(`stratus: ${(err as Error)?.message ?? String(err)}\n`),
    });
    stops.push(() => asyncStack.stop());
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
        extraServices: [eventsService(asyncStack.events), sqsService(asyncStack.queues), snsService(asyncStack.topics), sesService(asyncStack.mail), dynamodbService(asyncStack.tables), dynamodbStreamsService(asyncStack.tables)],
      }),
    );
    handlers.unshift(
      controlApi({
        ...asyncStack,
        queueStore: core.engine.queues,
        clock,
        queueUrl: (name) => queueUrl({ region: config.region, accountId: config.accountId, endpointUrl: edge.url }, name),
        queueArn: (name) => queueArn({ region: config.region, accountId: config.accountId, endpointUrl: edge.url }, name),
        topicArn: (name) => `arn:aws:sns:${config.region}:${config.accountId}:${name}`,
      }),
    );
    const apis = await startHttpApis({
      apis: core.model.apis,
      invoker: core.functions,
      host: config.host,
      port: config.port,
      region: config.region,
      accountId: config.accountId,
      clock,
    });
    let graceForApis = 0;
    stops.push(() => apis.close(graceForApis));
    return {
      ...core,
      ...asyncStack,
      apiEndpoints: apis.endpoints,
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

async function stopAll(stops: Stop[]): Promise<void> {
  for (const stop of stops.splice(0).reverse()) {
    try {
      await stop();
    } catch {
      // Keep stopping the rest: one component failing to stop must not leak the others.
    }
  }
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

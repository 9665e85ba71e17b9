/**
 * The asynchronous half of an app, wired together: SQS queues, EventBridge buses and rules,
 * schedules, asynchronous invocation, SQS event source pollers, and the dispatcher that carries
 * work between them. Started after the functions exist, stopped before them.
 */
import type { Clock } from '../shared/clock';
import type { Engine } from '../engine/types';
import type { AppModel } from '../template/model';
import type { FunctionService } from '../services/functions/service';
import { AsyncInvoker } from '../services/functions/async/invoker';
import { createQueueService, type QueueService, queueUrl } from '../services/queues';
import { createEventsService, createStoredRegistry, type EventsService } from '../services/events';
import { createScheduleService, schedulesFromModel, type ScheduleService } from '../services/schedules';
import { createTargetDispatcher } from '../services/targets/dispatcher';
import { TargetRetries } from '../services/targets/retries';
import { createTopicService, type TopicService } from '../services/topics';
import { createMailService, type MailService } from '../services/mail';
import type { TargetDispatcher } from '../services/targets/types';
import { readQueueMappings, DEFAULT_CONCURRENCY, type QueueMapping } from '../sources/queue-pollers/mapping';
import { QueuePoller } from '../sources/queue-pollers/poller';
import { ScheduleRuleSync } from './schedule-rules';
import { createTableService, type TableService } from '../services/tables';
import { readStreamMappings } from '../sources/table-streams/mapping';
import { StreamPoller } from '../sources/table-streams/poller';

export interface AsyncStack {
  queues: QueueService;
  topics: TopicService;
  mail: MailService;
  tables: TableService;
  events: EventsService;
  schedules: ScheduleService;
  asyncInvoker: AsyncInvoker;
  dispatcher: TargetDispatcher;
  stop(): Promise<void>;
}

export interface AsyncStackOptions {
  model: AppModel;
  engine: Engine;
  functions: FunctionService;
  clock: Clock;
  region: string;
  accountId: string;
  endpointUrl: string;
  /** `smtp://host:port`: relay every accepted mail there too (SES sends, SNS e-mail). */
  smtpRelay?: string;
  onError(err: unknown): void;
  /** Test-only: see AppConfig.testPauseAfterTickClaimMs. */
  testPauseAfterTickClaimMs?: number;
}

export async function startAsyncStack(o: AsyncStackOptions): Promise<AsyncStack> {
  const addressing = { region: o.region, accountId: o.accountId, endpointUrl: o.endpointUrl };
  const queues = createQueueService({ store: o.engine.queues, clock: o.clock, ...addressing });
  const asyncInvoker = new AsyncInvoker({ model: o.model, store: o.engine.queues, functions: o.functions, clock: o.clock, onError: o.onError });
  const tables = createTableService({ store: o.engine.tables, clock: o.clock, region: o.region, accountId: o.accountId, onError: o.onError });
  const mail = createMailService({ store: o.engine.mail, clock: o.clock, region: o.region, accountId: o.accountId, relay: o.smtpRelay, onError: o.onError });
  // The dispatcher and the events service need each other (rules deliver to buses); the ports
  // resolve `events` when a delivery happens, after both exist.
  const topics = createTopicService({
    store: o.engine.topics,
    queues: o.engine.queues,
    clock: o.clock,
    ...addressing,
    ports: {
      sendMessage: (input) => queues.sendMessage(input),
      createQueue: async (input) => ({ QueueUrl: (await queues.createQueue(input)).QueueUrl! }),
      invokeAsync: (name, payload) => asyncInvoker.invokeAsync(name, payload),
      captureEmail: (message) => mail.capture(message),
    },
    onError: o.onError,
  });
  let events: EventsService | undefined;
  const dispatcher = createTargetDispatcher({
    sendMessage: (input) => queues.sendMessage(input),
    invokeAsync: (name, payload) => asyncInvoker.invokeAsync(name, payload),
    publish: (input) => topics.publish(input),
    putEvents: (input) => events!.putEvents(input),
    queueUrlFromName: (name) => queueUrl(addressing, name),
    now: () => o.clock.now(),
  });
  const retries = new TargetRetries({
    store: o.engine.queues,
    clock: o.clock,
    attempt: (target, payload, origin) => dispatcher.send(target, payload, origin),
    // Out of retries and without a dead-letter queue the payload is lost: say so, loudly.
    giveUp: (target, payload, origin, error) => dispatcher.giveUp(target, payload, origin, error).catch(o.onError),
    onError: o.onError,
  });
  dispatcher.retries = retries;
  asyncInvoker.dispatcher = dispatcher;
  let schedules: ScheduleService | undefined;
  const account = { region: o.region, accountId: o.accountId };
  const scheduleRules = new ScheduleRuleSync(() => schedules!, () => events!, account, o.onError);
  events = createEventsService({
    clock: o.clock,
    dispatcher,
    region: o.region,
    accountId: o.accountId,
    // Durable: buses and rules made through the API survive restarts and are shared by the nodes.
    registry: createStoredRegistry(o.engine.eventRules),
    onScheduleRule: scheduleRules.listener,
  });
  schedules = createScheduleService({ store: o.engine.schedules, clock: o.clock, dispatcher, region: o.region, accountId: o.accountId, onError: o.onError, pauseAfterClaimMs: o.testPauseAfterTickClaimMs });
  const pollers: QueuePoller[] = [];
  const streamPollers: StreamPoller[] = [];
  const stop = async () => {
    await Promise.all(streamPollers.map((p) => p.stop()));
    // Pollers wait in long polls: ask them to stop, then end the polls by closing the queue
    // service, or shutdown would wait up to 20 s for each poll to run out.
    const pollersStopped = Promise.all(pollers.map((p) => p.stop()));
    await queues.close();
    await pollersStopped;
    await scheduleRules.stop();
    await schedules!.stop();
    await topics.close();
    await mail.close();
    await tables.close();
    await asyncInvoker.stop();
    await retries.stop();
  };
  try {
    await queues.ensureTemplateQueues(o.model);
    await tables.ensureTemplateTables(o.model);
    tables.start();
    await queues.resumeMoveTasks();
    await topics.ensureTemplateTopics(o.model);
    await events.loadTemplate(o.model);
    await asyncInvoker.start();
    await retries.start();
    await mail.start();
    await topics.start();
    await schedules.start([...schedulesFromModel(o.model), ...(await scheduleRules.stored())]);
    // Only other nodes can change the stored rules behind this one's back: one SQLite node needs no poll.
    if (o.engine.backend === 'postgres') scheduleRules.start();
    const mappings = [
      ...o.model.functions.flatMap(readQueueMappings),
      ...topics.templateSqsSubscriptions(o.model).filter((m) => m.enabled).map((m) => snsQueueMapping(m, addressing)),
    ];
    for (const mapping of mappings) {
      const poller = new QueuePoller({
        mapping,
        queueUrl: queueUrl(addressing, mapping.queueName),
        region: o.region,
        queues,
        functions: o.functions,
        clock: o.clock,
        onError: o.onError,
      });
      poller.start();
      pollers.push(poller);
    }
    for (const mapping of o.model.functions.flatMap(readStreamMappings)) {
      const poller = new StreamPoller({ mapping, store: o.engine.tables, functions: o.functions, clock: o.clock, onRecords: (l) => tables.onStreamRecords(l), onError: o.onError });
      poller.start();
      streamPollers.push(poller);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { queues, topics, mail, tables, events, schedules, asyncInvoker, dispatcher, stop };
}

/** SAM's `SqsSubscription` on an SNS event: a queue subscribed to the topic, polled for the function. */
function snsQueueMapping(m: { functionName: string; queueName: string; batchSize: number }, a: { region: string; accountId: string }): QueueMapping {
  return {
    functionName: m.functionName,
    eventName: `${m.queueName}Subscription`,
    queueArn: `arn:aws:sqs:${a.region}:${a.accountId}:${m.queueName}`,
    queueName: m.queueName,
    batchSize: m.batchSize,
    batchingWindowMs: 0,
    reportBatchItemFailures: false,
    concurrency: DEFAULT_CONCURRENCY,
    filters: [],
  };
}

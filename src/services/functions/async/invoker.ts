/**
 * Asynchronous invocation (`InvocationType: Event`, and every event source AWS invokes that way:
 * SNS, EventBridge, schedules, S3): each function has a durable engine queue; `invokeAsync`
 * stores the event and returns, consumers run it with Lambda's retry rules — up to
 * MaximumRetryAttempts retries after one then two minutes on the service clock, never past
 * MaximumEventAgeInSeconds — then hand the outcome to the OnSuccess/OnFailure destination or the
 * dead-letter queue. A consumer that dies mid-invocation leaves the event leased; it runs again
 * when the lease ends (at-least-once, as Lambda).
 */
import { setMaxListeners } from 'node:events';
import { newRequestId } from '../../../shared/ids';
import type { Clock } from '../../../shared/clock';
import type { QueueStore } from '../../../engine/types';
import type { AppModel, FunctionSpec } from '../../../template/model';
import type { TargetDispatcher } from '../../targets/types';
import type { FunctionService } from '../service';
import { readAsyncConfig, RETRY_DELAYS_MS, type AsyncConfig } from './config';
import { deadLetterAttributes, invocationEvent, invocationRecord, type AttemptResult, type Condition } from './records';

/** Internal queue names hold a ':' so they can never clash with an SQS queue name. */
export const ASYNC_QUEUE_PREFIX = 'stratus:lambda-async:';
/** An event is leased for the function's timeout plus this margin while it runs. */
const LEASE_MARGIN_MS = 30_000;
const CONSUMERS_PER_FUNCTION = 2;
/** Throttled attempts come back quickly; they are not the function's fault. */
const THROTTLE_RETRY_MS = 1_000;

export interface AsyncInvokerOptions {
  model: AppModel;
  store: QueueStore;
  functions: FunctionService;
  clock: Clock;
  /** Where destinations and dead-letter queues are reached (set after construction: it needs us). */
  dispatcher?: TargetDispatcher;
  onError(err: unknown): void;
}

export class AsyncInvoker {
  private readonly configs = new Map<string, { spec: FunctionSpec; config: AsyncConfig }>();
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];
  dispatcher?: TargetDispatcher;

  constructor(private readonly options: AsyncInvokerOptions) {
    for (const spec of options.model.functions) {
      const entry = { spec, config: readAsyncConfig(options.model, spec) };
      this.configs.set(spec.name, entry);
      this.configs.set(spec.logicalId, entry);
    }
    this.dispatcher = options.dispatcher;
    // Every waiting consumer (two per function) listens on this one signal and removes its
    // listener when it wakes: many listeners are expected, not a leak, so Node must not warn.
    setMaxListeners(0, this.stopping.signal);
  }

  async start(): Promise<void> {
    const now = this.options.clock.now();
    for (const { spec, config } of new Set(this.configs.values())) {
      await this.options.store.createQueue(
        { name: queueName(spec), settings: { fifo: false, retentionMs: config.maximumEventAgeMs + LEASE_MARGIN_MS }, attributes: {} },
        now,
      );
      for (let i = 0; i < CONSUMERS_PER_FUNCTION; i++) this.loops.push(this.consume(spec, config));
    }
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.loops);
  }

  /** Stores the event for the function; resolves with the request id Lambda would answer (202). */
  async invokeAsync(name: string, payload: string): Promise<{ requestId: string }> {
    const entry = this.configs.get(name);
    if (!entry) throw new Error(`Function not found: ${name}`);
    const requestId = newRequestId();
    await this.options.store.send(queueName(entry.spec), [{ body: payload, attributes: JSON.stringify({ requestId }), delayMs: 0 }], this.options.clock.now());
    return { requestId };
  }

  private async consume(spec: FunctionSpec, config: AsyncConfig): Promise<void> {
    const { store, clock } = this.options;
    const queue = queueName(spec);
    const leaseMs = spec.timeoutSeconds * 1000 + LEASE_MARGIN_MS;
    while (!this.stopping.signal.aborted) {
      try {
        const woken = new AbortController();
        const unsubscribe = store.onAvailable(queue, () => woken.abort());
        const stop = () => woken.abort();
        this.stopping.signal.addEventListener('abort', stop, { once: true });
        try {
          const { messages, nextVisibleAt } = await store.receive(queue, { max: 1, visibilityTimeoutMs: leaseMs, now: clock.now() });
          if (messages.length === 0) {
            await clock.sleepUntil(nextVisibleAt ?? Number.MAX_SAFE_INTEGER, woken.signal).catch(() => undefined);
            continue;
          }
          const m = messages[0];
          const requestId = (JSON.parse(m.attributes ?? '{}') as { requestId?: string }).requestId ?? m.messageId;
          await this.attempt(spec, config, queue, { ...m, requestId });
        } finally {
          unsubscribe();
          this.stopping.signal.removeEventListener('abort', stop);
        }
      } catch (err) {
        if (this.stopping.signal.aborted) return;
        this.options.onError(err);
        await clock.sleepUntil(clock.now() + THROTTLE_RETRY_MS, this.stopping.signal).catch(() => undefined);
      }
    }
  }

  private async attempt(
    spec: FunctionSpec,
    config: AsyncConfig,
    queue: string,
    m: { receiptHandle: string; body: string; sentAt: number; receiveCount: number; requestId: string },
  ): Promise<void> {
    const { store, clock, functions } = this.options;
    const base = { requestId: m.requestId, functionArn: functions.arnOf(spec), attempts: m.receiveCount, requestPayload: m.body };
    if (clock.now() - m.sentAt > config.maximumEventAgeMs) {
      return this.finish(config, queue, m.receiptHandle, { ...base, attempts: m.receiveCount - 1, condition: 'EventAgeExceeded', at: clock.now() });
    }
    const outcome = await functions.invoke(spec.name, m.body);
    if (outcome.status === 'success') {
      return this.finish(config, queue, m.receiptHandle, { ...base, condition: 'Success', response: { payload: outcome.payload }, at: clock.now() });
    }
    if (outcome.status === 'throttled') {
      await store.changeVisibility(queue, [{ receiptHandle: m.receiptHandle, visibilityTimeoutMs: THROTTLE_RETRY_MS }], clock.now());
      return;
    }
    const failure: AttemptResult = {
      ...base,
      condition: 'RetriesExhausted',
      response: { payload: JSON.stringify(outcome.error), functionError: 'Unhandled' },
      at: clock.now(),
    };
    const retriesDone = m.receiveCount - 1;
    const delay = RETRY_DELAYS_MS[Math.min(retriesDone, RETRY_DELAYS_MS.length - 1)];
    const tooOld = clock.now() + delay - m.sentAt > config.maximumEventAgeMs;
    if (retriesDone < config.maximumRetryAttempts && !tooOld) {
      await store.changeVisibility(queue, [{ receiptHandle: m.receiptHandle, visibilityTimeoutMs: delay }], clock.now());
      return;
    }
    return this.finish(config, queue, m.receiptHandle, tooOld && retriesDone < config.maximumRetryAttempts ? { ...failure, condition: 'EventAgeExceeded' } : failure);
  }

  private async finish(config: AsyncConfig, queue: string, receiptHandle: string, result: AttemptResult): Promise<void> {
    await this.sendOutcome(config, result);
    await this.options.store.delete(queue, [receiptHandle], this.options.clock.now());
  }

  private async sendOutcome(config: AsyncConfig, result: AttemptResult): Promise<void> {
    const success = result.condition === 'Success';
    const destination = success ? config.onSuccess : config.onFailure;
    const origin = { kind: 'function' as const, sourceArn: result.functionArn };
    if (destination && this.dispatcher) {
      const payload = destination.split(':')[2] === 'events' ? invocationEvent(result) : invocationRecord(result);
      await this.dispatcher.deliver({ arn: destination }, payload, origin);
    }
    const failedWithoutDestination = !success && !config.onFailure;
    if (failedWithoutDestination && config.deadLetterArn && this.dispatcher) {
      await this.dispatcher.deliver({ arn: config.deadLetterArn }, result.requestPayload, { ...origin, messageAttributes: deadLetterAttributes(result) });
    }
  }
}

function queueName(spec: FunctionSpec): string {
  return `${ASYNC_QUEUE_PREFIX}${spec.name}`;
}

export type { Condition };

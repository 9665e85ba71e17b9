/**
 * Retries of rule and schedule deliveries under the target's RetryPolicy (EventBridge and
 * Scheduler: up to 185 attempts within 24 hours by default), kept in a durable engine queue so
 * they survive restarts. When attempts or age run out, the payload goes to the target's
 * dead-letter queue, if it has one, else it is dropped and reported.
 *
 * EventBridge documents "exponential back off and jitter" without the formula; Stratus waits 1 s
 * after the first failure and doubles up to 10 minutes, without jitter, so tests that move the
 * clock see each attempt at a known moment.
 */
import type { QueueStore } from '../../engine/types';
import type { Clock } from '../../shared/clock';
import type { DeliveryOrigin, DeliveryTarget } from './types';

export const RETRY_QUEUE = 'stratus:target-retries';
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 600_000;
/** A retry being attempted is leased this long; a crash mid-attempt retries it after that. */
const ATTEMPT_LEASE_MS = 60_000;
const ERROR_BACKOFF_MS = 1_000;

interface PendingRetry {
  target: DeliveryTarget;
  payload: string;
  origin: DeliveryOrigin;
  firstAttemptAt: number;
  lastError: { code: string; message: string };
}

export interface RetryPorts {
  store: QueueStore;
  clock: Clock;
  attempt(target: DeliveryTarget, payload: string, origin: DeliveryOrigin): Promise<void>;
  /** Sends to the target's dead-letter queue (or reports the loss when it has none). */
  giveUp(target: DeliveryTarget, payload: string, origin: DeliveryOrigin, error: { code: string; message: string }): Promise<void>;
  onError(err: unknown): void;
}

export class TargetRetries {
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;
  /** Wakes the consumer: a newly scheduled retry is delayed, which the engine does not signal. */
  private wake = () => {};

  constructor(private readonly ports: RetryPorts) {}

  async start(): Promise<void> {
    const retentionMs = (DEFAULT_MAXIMUM_EVENT_AGE_SECONDS + 3_600) * 1000;
    await this.ports.store.createQueue({ name: RETRY_QUEUE, settings: { fifo: false, retentionMs }, attributes: {} }, this.ports.clock.now());
    this.loop = this.consume();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /** True when the policy allows another attempt; the first retry is stored to run after 1 s. */
  async schedule(target: DeliveryTarget, payload: string, origin: DeliveryOrigin, error: unknown, firstAttemptAt: number): Promise<boolean> {
    if (maximumAttempts(target) === 0) return false;
    const pending: PendingRetry = { target, payload, origin, firstAttemptAt, lastError: describe(error) };
    await this.ports.store.send(RETRY_QUEUE, [{ body: JSON.stringify(pending), delayMs: FIRST_DELAY_MS }], this.ports.clock.now());
    this.wake();
    return true;
  }

  private async consume(): Promise<void> {
    const { store, clock } = this.ports;
    while (!this.stopping.signal.aborted) {
      const woken = new AbortController();
      this.wake = () => woken.abort();
      const unsubscribe = store.onAvailable(RETRY_QUEUE, () => woken.abort());
      const stop = () => woken.abort();
      this.stopping.signal.addEventListener('abort', stop, { once: true });
      try {
        const { messages, nextVisibleAt } = await store.receive(RETRY_QUEUE, { max: 10, visibilityTimeoutMs: ATTEMPT_LEASE_MS, now: clock.now() });
        if (messages.length === 0) {
          await clock.sleepUntil(nextVisibleAt ?? Number.MAX_SAFE_INTEGER, woken.signal).catch(() => undefined);
          continue;
        }
        for (const m of messages) await this.retry(m.receiptHandle, JSON.parse(m.body) as PendingRetry, m.receiveCount);
      } catch (err) {
        if (this.stopping.signal.aborted) return;
        this.ports.onError(err);
        await clock.sleepUntil(clock.now() + ERROR_BACKOFF_MS, this.stopping.signal).catch(() => undefined);
      } finally {
        unsubscribe();
        this.stopping.signal.removeEventListener('abort', stop);
      }
    }
  }

  private async retry(receiptHandle: string, pending: PendingRetry, retriesSoFar: number): Promise<void> {
    const { store, clock } = this.ports;
    const done = () => store.delete(RETRY_QUEUE, [receiptHandle], clock.now());
    const ageMs = clock.now() - pending.firstAttemptAt;
    if (ageMs > maximumAgeMs(pending.target)) {
      await this.ports.giveUp(pending.target, pending.payload, pending.origin, pending.lastError);
      return void (await done());
    }
    try {
      await this.ports.attempt(pending.target, pending.payload, pending.origin);
      return void (await done());
    } catch (err) {
      const lastError = describe(err);
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** retriesSoFar);
      if (retriesSoFar >= maximumAttempts(pending.target) || ageMs + delay > maximumAgeMs(pending.target)) {
        await this.ports.giveUp(pending.target, pending.payload, pending.origin, lastError);
        return void (await done());
      }
      await store.changeVisibility(RETRY_QUEUE, [{ receiptHandle, visibilityTimeoutMs: delay }], clock.now());
    }
  }
}

function maximumAttempts(target: DeliveryTarget): number {
  return target.retryPolicy?.maximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS;
}

function maximumAgeMs(target: DeliveryTarget): number {
  return (target.retryPolicy?.maximumEventAgeSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS) * 1000;
}

function describe(err: unknown): { code: string; message: string } {
  return { code: (err as { code?: string })?.code ?? 'DeliveryFailed', message: (err as Error)?.message ?? String(err) };
}

/**
 * The delivery worker: consumer loops over the internal delivery queues. A job is leased while
 * it is attempted; success deletes it; a transient failure hides it until the delivery policy's
 * next retry (on the service clock, so tests move time instead of waiting); a client-side
 * failure or an exhausted policy sends it to the subscription's dead-letter queue (RedrivePolicy)
 * or drops it. A worker that dies mid-attempt leaves the job leased: it is attempted again when
 * the lease ends (at-least-once, as SNS).
 */
import type { ReceivedMessage } from '../../../engine/types';
import type { TopicContext } from '../context';
import { queueNameOf } from '../endpoints';
import type { MailCapture } from '../mail';
import { httpRetryPolicy } from './delivery-policy';
import { deliver, HTTP_TIMEOUT_MS, sqsMessage, type DeliveryTarget } from './deliver';
import { FIFO_DELIVERY_QUEUE, STANDARD_DELIVERY_QUEUE, type DeliveryJob } from './job';
import { MANAGED_RETRY_POLICY, retryDelayMs } from './retry-policy';

/** A job stays leased this long while attempted: longer than an HTTP attempt may take. */
const LEASE_MS = HTTP_TIMEOUT_MS + 45_000;
const STANDARD_CONSUMERS = 4;
/** Each FIFO consumer holds one message group at a time; several groups proceed in parallel. */
const FIFO_CONSUMERS = 2;
const STANDARD_BATCH = 10;
/** After an unexpected error (e.g. the database busy), a loop pauses this long. */
const ERROR_PAUSE_MS = 1_000;

export class DeliveryWorker {
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly ctx: TopicContext,
    private readonly mail: MailCapture,
  ) {}

  start(): void {
    if (this.loops.length > 0) return;
    for (let i = 0; i < STANDARD_CONSUMERS; i++) this.loops.push(this.consume(STANDARD_DELIVERY_QUEUE, STANDARD_BATCH));
    for (let i = 0; i < FIFO_CONSUMERS; i++) this.loops.push(this.consume(FIFO_DELIVERY_QUEUE, 1));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.loops);
  }

  private async consume(queue: string, max: number): Promise<void> {
    const { queues, clock } = this.ctx;
    const stop = this.stopping.signal;
    while (!stop.aborted) {
      const woken = new AbortController();
      const unsubscribe = queues.onAvailable(queue, () => woken.abort());
      const wake = () => woken.abort();
      stop.addEventListener('abort', wake, { once: true });
      try {
        const { messages, nextVisibleAt } = await queues.receive(queue, { max, visibilityTimeoutMs: LEASE_MS, now: clock.now() });
        if (messages.length === 0) {
          await clock.sleepUntil(nextVisibleAt ?? Number.MAX_SAFE_INTEGER, woken.signal).catch(() => undefined);
          continue;
        }
        // FIFO batches are one message; a standard batch's jobs are independent.
        await Promise.all(messages.map((m) => this.attempt(queue, m)));
      } catch (err) {
        if (stop.aborted) return;
        this.ctx.onError?.(err);
        await clock.sleepUntil(clock.now() + ERROR_PAUSE_MS, stop).catch(() => undefined);
      } finally {
        unsubscribe();
        stop.removeEventListener('abort', wake);
      }
    }
  }

  private async attempt(queue: string, m: ReceivedMessage): Promise<void> {
    const { queues, store, clock } = this.ctx;
    const done = () => queues.delete(queue, [m.receiptHandle], clock.now());
    const job = JSON.parse(m.body) as DeliveryJob;
    const subscription = await store.getSubscription(job.subscriptionArn);
    const topic = subscription && (await store.getTopic(subscription.topic));
    // Unsubscribed (or topic deleted) since the publish: SNS has no one left to deliver to.
    if (!subscription || !topic) return void (await done());
    const target: DeliveryTarget = { job, subscription, topic };
    const outcome = await deliver(this.ctx, this.mail, target, this.stopping.signal);
    if (this.stopping.signal.aborted) return; // the lease lapses; another run retries
    if (outcome.ok) return void (await done());
    const http = subscription.protocol === 'http' || subscription.protocol === 'https';
    const policy = http ? httpRetryPolicy(subscription.attributes.DeliveryPolicy, topic.attributes.DeliveryPolicy) : MANAGED_RETRY_POLICY;
    // receiveCount counts attempts, so after attempt n the next one is retry number n.
    const delay = outcome.clientSide ? undefined : retryDelayMs(policy, m.receiveCount);
    if (delay !== undefined) {
      await queues.changeVisibility(queue, [{ receiptHandle: m.receiptHandle, visibilityTimeoutMs: delay }], clock.now());
      return;
    }
    if (job.kind === 'notification') await this.deadLetter(target, outcome.reason);
    await done();
  }

  /** The subscription's RedrivePolicy queue gets what could not be delivered; without one it is dropped. */
  private async deadLetter(target: DeliveryTarget, reason: string): Promise<void> {
    const text = target.subscription.attributes.RedrivePolicy;
    if (!text) return;
    try {
      const { deadLetterTargetArn } = JSON.parse(text) as { deadLetterTargetArn: string };
      await this.ctx.ports.sendMessage(sqsMessage(this.ctx, target, queueNameOf(deadLetterTargetArn)));
    } catch (err) {
      // SNS drops a message whose dead-letter queue is unreachable too; say why.
      this.ctx.onError?.(new Error(`SNS dead-letter delivery for ${target.subscription.arn} failed (${reason}): ${(err as Error).message}`));
    }
  }
}

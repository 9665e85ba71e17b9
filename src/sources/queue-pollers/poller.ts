/**
 * One SQS event source mapping at work: `concurrency` loops, each long-polling the queue, filling
 * a batch (up to BatchSize, within the batching window), invoking the function synchronously and
 * deleting what succeeded. What fails stays leased and comes back when its visibility timeout
 * ends — and moves to the dead-letter queue under the queue's redrive policy — as on Lambda.
 */
import type { FunctionInvoker } from '../../services/functions/types';
import type { Message, ReceiveMessageInput, ReceiveMessageOutput, BatchOutput } from '../../services/queues/types';
import type { Clock } from '../../shared/clock';
import type { QueueMapping } from './mapping';
import { toSqsRecord } from './sqs-event';
import { readBatchResponse } from './batch-response';

/** The queue operations a poller needs (the queue service's typed API). */
export interface PollerQueueClient {
  receiveMessage(input: ReceiveMessageInput): Promise<ReceiveMessageOutput>;
  deleteMessageBatch(input: { QueueUrl: string; Entries: { Id: string; ReceiptHandle: string }[] }): Promise<BatchOutput>;
}

/** SQS's longest long poll. */
const LONG_POLL_SECONDS = 20;
const RECEIVE_MAX = 10;
/** Pause after an unexpected error (queue deleted, engine busy) before polling again. */
const ERROR_BACKOFF_MS = 1_000;

export interface PollerOptions {
  mapping: QueueMapping;
  queueUrl: string;
  region: string;
  queues: PollerQueueClient;
  functions: FunctionInvoker;
  clock: Clock;
  onError(err: unknown): void;
}

export class QueuePoller {
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(private readonly options: PollerOptions) {}

  start(): void {
    for (let i = 0; i < this.options.mapping.concurrency; i++) this.loops.push(this.loop());
  }

  /** Stops polling; a batch being processed finishes first (its deletes included). */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.loops);
  }

  private async loop(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        const batch = await this.collectBatch();
        if (batch.length > 0) await this.process(batch);
      } catch (err) {
        if (this.stopping.signal.aborted) return;
        // Say which mapping failed: during a database outage every poller reports, once a second.
        const { functionName, queueName } = this.options.mapping;
        this.options.onError(new Error(`SQS poller of ${functionName} on ${queueName}: ${(err as Error)?.message ?? String(err)}`, { cause: err }));
        await this.options.clock.sleepUntil(this.options.clock.now() + ERROR_BACKOFF_MS, this.stopping.signal).catch(() => undefined);
      }
    }
  }

  private async collectBatch(): Promise<Message[]> {
    const { mapping, clock } = this.options;
    const batch = await this.receive(Math.min(RECEIVE_MAX, mapping.batchSize), LONG_POLL_SECONDS);
    if (batch.length === 0 || mapping.batchingWindowMs === 0) return batch;
    const windowEnds = clock.now() + mapping.batchingWindowMs;
    while (batch.length < mapping.batchSize && !this.stopping.signal.aborted) {
      const remainingSeconds = Math.ceil((windowEnds - clock.now()) / 1000);
      if (remainingSeconds <= 0) break;
      const more = await this.receive(Math.min(RECEIVE_MAX, mapping.batchSize - batch.length), Math.min(LONG_POLL_SECONDS, remainingSeconds));
      batch.push(...more);
    }
    return batch;
  }

  private async receive(max: number, waitSeconds: number): Promise<Message[]> {
    const out = await this.options.queues.receiveMessage({
      QueueUrl: this.options.queueUrl,
      MaxNumberOfMessages: max,
      WaitTimeSeconds: this.stopping.signal.aborted ? 0 : waitSeconds,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    });
    return out.Messages ?? [];
  }

  private async process(batch: Message[]): Promise<void> {
    const { mapping, region } = this.options;
    const records = batch.map((m) => toSqsRecord(m, mapping.queueArn, region));
    // Lambda drops (deletes) messages that match no filter: they never reach the function.
    const wanted = mapping.filters.length === 0 ? records : records.filter((r) => mapping.filters.some((f) => f.matches(filterView(r))));
    const dropped = records.filter((r) => !wanted.includes(r));
    const done = new Set<string>(dropped.map((r) => r.messageId));
    if (wanted.length > 0) {
      const outcome = await this.options.functions.invoke(mapping.functionName, JSON.stringify({ Records: wanted }));
      if (outcome.status === 'success') {
        const verdict = mapping.reportBatchItemFailures
          ? readBatchResponse(outcome.payload, new Set(wanted.map((r) => r.messageId)))
          : ({ kind: 'all-succeeded' } as const);
        for (const r of wanted) {
          const failed = verdict.kind === 'all-failed' || (verdict.kind === 'some-failed' && verdict.failed.has(r.messageId));
          if (!failed) done.add(r.messageId);
        }
      }
    }
    await this.deleteAll(records.filter((r) => done.has(r.messageId)).map((r) => ({ Id: r.messageId, ReceiptHandle: r.receiptHandle })));
  }

  private async deleteAll(entries: { Id: string; ReceiptHandle: string }[]): Promise<void> {
    for (let i = 0; i < entries.length; i += RECEIVE_MAX) {
      const out = await this.options.queues.deleteMessageBatch({ QueueUrl: this.options.queueUrl, Entries: entries.slice(i, i + RECEIVE_MAX) });
      if (out.Failed.length > 0) this.options.onError(new Error(`could not delete ${out.Failed.length} processed messages: ${out.Failed[0].Code}`));
    }
  }
}

/** What filter patterns see: the record, with a JSON body parsed (Lambda's "body" filtering). */
function filterView(record: ReturnType<typeof toSqsRecord>): Record<string, unknown> {
  let body: unknown = record.body;
  try {
    body = JSON.parse(record.body);
  } catch {
    // A plain-text body is matched as a string.
  }
  return { ...record, body };
}

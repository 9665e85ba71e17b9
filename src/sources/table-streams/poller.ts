/**
 * Reads one table's stream for one function, as Lambda's DynamoDB event source mapping does
 * ("Using AWS Lambda with Amazon DynamoDB"; "Configuring partial batch response with DynamoDB
 * and Lambda"): batches in order, the checkpoint (durable in the engine) advanced only past
 * records the function handled. A failed batch is retried from where it failed, so order holds;
 * with ReportBatchItemFailures the checkpoint moves to just before the lowest failed record;
 * records matching no filter are skipped. Wakes on commits in this process, else every
 * POLL_INTERVAL_MS (writes from other nodes sharing a PostgreSQL engine). A lease in the engine
 * keeps the other nodes' pollers of the same consumer idle while this one holds it.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { TableStore } from '../../engine/types';
import type { FunctionInvoker } from '../../services/functions/types';
import { sequenceNumber, type StreamRecordBody } from '../../services/tables';
import { readBatchResponse } from '../queue-pollers/batch-response';
import type { StreamMapping } from './mapping';

export const POLL_INTERVAL_MS = 1_000;
const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 30_000;
/** How long a node's hold on a consumer lasts without renewal (real time: not an AWS semantic). */
export const LEASE_MS = 15_000;

export interface StreamPollerOptions {
  mapping: StreamMapping;
  store: TableStore;
  functions: FunctionInvoker;
  clock: Clock;
  /** Subscribes to "records were committed to this table's stream"; returns the unsubscribe. */
  onRecords(listener: (table: string) => void): () => void;
  onError(err: unknown): void;
}

export class StreamPoller {
  private readonly stopping = new AbortController();
  private wake?: () => void;
  private loop?: Promise<void>;
  private readonly unsubscribe: () => void;
  private readonly owner = randomUUID();

  constructor(private readonly o: StreamPollerOptions) {
    this.unsubscribe = o.onRecords((table) => {
      if (table === o.mapping.tableName) this.wake?.();
    });
  }

  get consumer(): string {
    return `lambda:${this.o.mapping.functionName}:${this.o.mapping.eventName}`;
  }

  start(): void {
    this.loop ??= this.run().catch(this.o.onError);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake?.();
    this.unsubscribe();
    await this.loop;
    await this.o.store.releaseConsumer(this.consumer, this.owner).catch(this.o.onError);
  }

  private async run(): Promise<void> {
    const { store, mapping } = this.o;
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      // Hold the consumer's lease before each batch: on a shared PostgreSQL engine one node
      // delivers a stream to a function at a time; another takes over once a lease runs out.
      const now = Date.now();
      const lease = await store.leaseConsumer(this.consumer, this.owner, now, now + LEASE_MS);
      if (!lease.held) {
        await this.waitForRecords();
        continue;
      }
      let checkpoint = lease.seq;
      if (checkpoint === undefined) {
        checkpoint = mapping.startingPosition === 'LATEST' ? await store.latestStreamSeq(mapping.tableName) : 0;
        await store.setCheckpoint(this.consumer, this.owner, checkpoint);
      }
      const batch = await this.nextBatch(checkpoint);
      if (batch.length === 0) continue;
      const outcome = await this.deliver(batch);
      if (outcome.done > checkpoint) await store.setCheckpoint(this.consumer, this.owner, outcome.done);
      if (!outcome.failed) {
        failures = 0;
        continue;
      }
      failures++;
      if (mapping.maximumRetryAttempts >= 0 && failures > mapping.maximumRetryAttempts) {
        // Out of retries: Lambda skips the batch (to its on-failure destination, not kept here).
        this.o.onError(new Error(`${mapping.functionName}: dropping ${batch.length} stream records of ${mapping.tableName} after ${failures} failed attempts`));
        await store.setCheckpoint(this.consumer, this.owner, batch[batch.length - 1].seq);
        failures = 0;
        continue;
      }
      await this.pause(Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failures - 1)));
    }
  }

  /** Records after the checkpoint; waits for some (and for the batching window) when there are none yet. */
  private async nextBatch(after: number) {
    const { store, mapping } = this.o;
    let records = await store.readStream(mapping.tableName, after, mapping.batchSize);
    if (records.length === 0) {
      await this.waitForRecords();
      return [];
    }
    if (mapping.batchingWindowMs > 0 && records.length < mapping.batchSize) {
      await this.pause(mapping.batchingWindowMs);
      records = await store.readStream(mapping.tableName, after, mapping.batchSize);
    }
    return records;
  }

  /** Invokes the function; `done` is the last sequence number handled, `failed` whether to retry. */
  private async deliver(batch: { seq: number; record: string }[]): Promise<{ done: number; failed: boolean }> {
    const { mapping } = this.o;
    const records = batch.map((r) => {
      const body = JSON.parse(r.record) as StreamRecordBody;
      return { seq: r.seq, body: { ...body, dynamodb: { ...body.dynamodb, SequenceNumber: sequenceNumber(r.seq) } } };
    });
    const wanted = mapping.filters.length === 0 ? records : records.filter((r) => mapping.filters.some((f) => f.matches(r.body as never)));
    const last = batch[batch.length - 1].seq;
    if (wanted.length === 0) return { done: last, failed: false };
    const outcome = await this.o.functions.invoke(mapping.functionName, JSON.stringify({ Records: wanted.map((r) => r.body) }));
    if (outcome.status !== 'success') {
      if (mapping.bisectOnError && wanted.length > 1) return this.deliver(batch.slice(0, Math.ceil(batch.length / 2)));
      return { done: batch[0].seq - 1, failed: true };
    }
    if (!mapping.reportBatchItemFailures) return { done: last, failed: false };
    const ids = new Set(wanted.map((r) => r.body.dynamodb.SequenceNumber));
    const verdict = readBatchResponse(outcome.payload, ids);
    if (verdict.kind === 'all-succeeded') return { done: last, failed: false };
    if (verdict.kind === 'all-failed') return { done: batch[0].seq - 1, failed: true };
    const lowest = Math.min(...wanted.filter((r) => verdict.failed.has(r.body.dynamodb.SequenceNumber)).map((r) => r.seq));
    return { done: lowest - 1, failed: true };
  }

  private waitForRecords(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, POLL_INTERVAL_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
      if (this.stopping.signal.aborted) done();
    });
  }

  private async pause(ms: number): Promise<void> {
    await this.o.clock.sleepUntil(this.o.clock.now() + ms, this.stopping.signal).catch(() => {});
  }
}

/**
 * Queue records cached per engine: every SQS call looks its queue up by URL first, and on
 * PostgreSQL that read was a round trip of its own on each send, receive and delete. Changes are
 * announced on CHANGED_CHANNEL (payload: the queue name) and every node drops its copy when it
 * hears one; a copy is also never older than MAX_AGE_MS, and nothing is cached while the LISTEN
 * connection is down (a notification could be missed). SQS itself takes "up to 60 seconds" for
 * attribute changes to propagate (SetQueueAttributes API reference), so a node seeing a change a
 * few milliseconds late is within what clients expect. Only found queues are cached: a queue
 * created on another node is seen at once, and a deleted one is refused by the message
 * statements themselves (they check the queue row).
 */
import type { QueueRecord } from '../../types';

/** Queue metadata changed (updated, deleted, purged): every node drops its cached record. */
export const CHANGED_CHANNEL = 'stratus_queue_changed';
export const MAX_AGE_MS = 5_000;

export class QueueRecordCache {
  private readonly entries = new Map<string, { record: QueueRecord; at: number }>();
  /** Bumped by every invalidation: a read that started before one is not cached. */
  private epoch = 0;

  constructor(private readonly listening: () => boolean) {}

  async get(name: string, load: (name: string) => Promise<QueueRecord | undefined>): Promise<QueueRecord | undefined> {
    const hit = this.entries.get(name);
    if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.record;
    const epoch = this.epoch;
    const record = await load(name);
    if (record && epoch === this.epoch && this.listening()) this.entries.set(name, { record, at: Date.now() });
    return record;
  }

  invalidate(name: string): void {
    this.epoch++;
    this.entries.delete(name);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }
}

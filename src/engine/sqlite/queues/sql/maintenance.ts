/** Purge, counts and the retention sweep. */
import type { QueueCounts } from '../../../types';
import type { SqliteDatabase } from '../../connection';

const PURGE = `DELETE FROM queue_messages WHERE queue = ?`;
const MARK_PURGED = `UPDATE queues SET last_purged_at = ? WHERE name = ?`;

// One pass over the queue's rows; expired rows are already gone for SQS, so they are not counted.
// in flight = leased and not visible yet; delayed = never received and not visible yet.
const COUNTS = `
SELECT
  coalesce(sum(visible_at <= @now), 0)                        AS visible,
  coalesce(sum(visible_at > @now AND receive_count > 0), 0)  AS in_flight,
  coalesce(sum(visible_at > @now AND receive_count = 0), 0)  AS delayed
FROM queue_messages WHERE queue = @queue AND expires_at > @now`;

// Range scans on the expiry indexes.
const SWEEP_MESSAGES = `DELETE FROM queue_messages WHERE expires_at <= ?`;
const SWEEP_DEDUP = `DELETE FROM queue_dedup WHERE expires_at <= ?`;

export function prepareMaintenance(db: SqliteDatabase) {
  const purge = db.prepare(PURGE);
  const markPurged = db.prepare(MARK_PURGED);
  const counts = db.prepare(COUNTS);
  const sweepMessages = db.prepare(SWEEP_MESSAGES);
  const sweepDedup = db.prepare(SWEEP_DEDUP);
  const purgeTx = db.transaction((queue: string, now: number) => {
    markPurged.run(now, queue);
    return purge.run(queue).changes;
  });
  const sweepTx = db.transaction((now: number) => {
    sweepDedup.run(now);
    return sweepMessages.run(now).changes;
  });
  return {
    purge: (queue: string, now: number): number => purgeTx.immediate(queue, now),
    counts(queue: string, now: number): QueueCounts {
      const r = counts.get({ queue, now }) as { visible: number; in_flight: number; delayed: number };
      return { visible: r.visible, inFlight: r.in_flight, delayed: r.delayed };
    },
    sweep: (now: number): number => sweepTx.immediate(now),
  };
}

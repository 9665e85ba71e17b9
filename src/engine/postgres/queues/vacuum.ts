/**
 * Keeps the queue table lean under sustained traffic. Every lease and delete leaves a dead row
 * version and a dead entry at the head of queue_messages_available (a lease moves visible_at, so it
 * is never a HOT update); until VACUUM removes them, each receive wades through them, and receive
 * throughput falls by half or more after ~100,000 messages. Autovacuum looks at a table at most
 * once per autovacuum_naptime (1 minute by default), far too rarely for a queue, so the engine
 * vacuums the table itself once enough changes went through it — at most once per interval, and
 * on one node at a time (a session advisory lock, tried, never waited for).
 */
import { withClient, type PgPool } from '../connection';

/** Changes (rows sent, leased or deleted by this engine) that make a vacuum worth it. */
export const VACUUM_AFTER_CHANGES = 5_000;
/** At most one vacuum per engine per interval. */
export const VACUUM_MIN_INTERVAL_MS = 1_000;
/** Same key on every node: only one of them vacuums at a time. */
const VACUUM_LOCK_KEY = 7_347_210_916;

export class QueueVacuum {
  private changes = 0;
  private lastAt = 0;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly pool: PgPool) {}

  /** Counts changes; starts a vacuum in the background when due. Never throws, never waits. */
  note(rows: number): void {
    this.changes += rows;
    if (this.closed || this.running || this.changes < VACUUM_AFTER_CHANGES) return;
    if (Date.now() - this.lastAt < VACUUM_MIN_INTERVAL_MS) return;
    this.changes = 0;
    this.running = this.vacuum().finally(() => {
      this.lastAt = Date.now();
      this.running = undefined;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.running;
  }

  private async vacuum(): Promise<void> {
    try {
      await withClient(this.pool, async (client) => {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [VACUUM_LOCK_KEY]);
        if (!rows[0].locked) return;
        try {
          // SKIP_LOCKED: if another session holds a conflicting lock on the table, skip this round.
          await client.query('VACUUM (SKIP_LOCKED) queue_messages');
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [VACUUM_LOCK_KEY]);
        }
      });
    } catch {
      // Best effort: a failed vacuum (connection lost, no ownership) only leaves the table as it was.
    }
  }
}

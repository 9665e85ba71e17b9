/**
 * ScheduleStateStore on PostgreSQL. claimTick is one upsert: ON CONFLICT DO UPDATE locks the row
 * and evaluates its WHERE against the latest committed version, so of several nodes claiming the
 * same tick exactly one sees a row count of 1 — a compare-and-set with no leader. With a lease,
 * the same statement (a data-modifying CTE) writes the tick's outbox row, so a claim without its
 * pending record cannot exist.
 */
import type { PendingTick, ScheduleStateRecord, ScheduleStateStore } from '../../types';
import type { PgPool } from '../connection';

// DO NOTHING keeps the first created_at: the grid of a rate() rule must not move on restart.
const REGISTER = `INSERT INTO schedule_state (key, created_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`;

// A missing row is inserted already claimed; an existing one changes only when the tick is newer.
const CLAIM = `
INSERT INTO schedule_state (key, created_at, last_fired) VALUES ($1, $2, $2)
ON CONFLICT (key) DO UPDATE SET last_fired = excluded.last_fired
WHERE schedule_state.last_fired IS NULL OR schedule_state.last_fired < excluded.last_fired`;

// The outbox row exists only if the claim's upsert returned a row: one statement, one commit.
const CLAIM_WITH_OUTBOX = `
WITH claimed AS (${CLAIM} RETURNING key, last_fired)
INSERT INTO schedule_outbox (key, tick, lease_until) SELECT key, last_fired, $3 FROM claimed
ON CONFLICT (key, tick) DO NOTHING
RETURNING key`;

const DELIVERED = `DELETE FROM schedule_outbox WHERE key = $1 AND tick = $2`;

// SKIP LOCKED: two nodes sweeping at once split the stale ticks; the row lock makes the re-check
// of lease_until see the other's committed re-lease, so a tick goes to one taker per lease.
const TAKE_STALE = `
UPDATE schedule_outbox o SET lease_until = $2
FROM (SELECT key, tick FROM schedule_outbox WHERE lease_until <= $1 ORDER BY tick, key LIMIT $3 FOR UPDATE SKIP LOCKED) stale
WHERE o.key = stale.key AND o.tick = stale.tick
RETURNING o.key, o.tick, o.lease_until`;

const PENDING = `SELECT key, tick, lease_until FROM schedule_outbox ORDER BY key, tick`;

const SELECT = `SELECT key, created_at, last_fired, completed_at FROM schedule_state`;

// coalesce: the first completion time stays when several nodes complete the same schedule.
const COMPLETE = `UPDATE schedule_state SET completed_at = coalesce(completed_at, $1) WHERE key = $2`;

interface PendingRow {
  key: string;
  tick: number;
  lease_until: number;
}

interface Row {
  key: string;
  created_at: number;
  last_fired: number | null;
  completed_at: number | null;
}

export function createPostgresScheduleStateStore(pool: PgPool): ScheduleStateStore {
  const get = async (key: string) => toRecord((await pool.query<Row>(`${SELECT} WHERE key = $1`, [key])).rows[0]);
  return {
    async register(key, createdAt) {
      await pool.query(REGISTER, [key, createdAt]);
      return (await get(key))!;
    },
    async claimTick(key, tickAt, leaseUntil) {
      if (leaseUntil === undefined) return (await pool.query(CLAIM, [key, tickAt])).rowCount === 1;
      return (await pool.query(CLAIM_WITH_OUTBOX, [key, tickAt, leaseUntil])).rowCount === 1;
    },
    async markDelivered(key, tickAt) {
      await pool.query(DELIVERED, [key, tickAt]);
    },
    takeStaleTicks: async (now, leaseUntil, limit) =>
      (await pool.query<PendingRow>(TAKE_STALE, [now, leaseUntil, limit])).rows.map(toPending).sort(byTick),
    pendingTicks: async () => (await pool.query<PendingRow>(PENDING)).rows.map(toPending),
    lastFired: async (key) => (await get(key))?.lastFired,
    get,
    list: async () => (await pool.query<Row>(`${SELECT} ORDER BY key`)).rows.map((row) => toRecord(row)!),
    async markCompleted(key, at) {
      await pool.query(COMPLETE, [at, key]);
    },
  };
}

function toRecord(row: Row | undefined): ScheduleStateRecord | undefined {
  if (!row) return undefined;
  const record: ScheduleStateRecord = { key: row.key, createdAt: row.created_at };
  if (row.last_fired !== null) record.lastFired = row.last_fired;
  if (row.completed_at !== null) record.completedAt = row.completed_at;
  return record;
}

function toPending(row: PendingRow): PendingTick {
  return { key: row.key, tick: row.tick, leaseUntil: row.lease_until };
}

/** RETURNING promises no order. */
function byTick(a: PendingTick, b: PendingTick): number {
  return a.tick - b.tick || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

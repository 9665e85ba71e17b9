/**
 * ScheduleStateStore on PostgreSQL. claimTick is one upsert: ON CONFLICT DO UPDATE locks the row
 * and evaluates its WHERE against the latest committed version, so of several nodes claiming the
 * same tick exactly one sees a row count of 1 — a compare-and-set with no leader and no lease.
 */
import type { ScheduleStateRecord, ScheduleStateStore } from '../../types';
import type { PgPool } from '../connection';

// DO NOTHING keeps the first created_at: the grid of a rate() rule must not move on restart.
const REGISTER = `INSERT INTO schedule_state (key, created_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`;

// A missing row is inserted already claimed; an existing one changes only when the tick is newer.
const CLAIM = `
INSERT INTO schedule_state (key, created_at, last_fired) VALUES ($1, $2, $2)
ON CONFLICT (key) DO UPDATE SET last_fired = excluded.last_fired
WHERE schedule_state.last_fired IS NULL OR schedule_state.last_fired < excluded.last_fired`;

const SELECT = `SELECT key, created_at, last_fired, completed_at FROM schedule_state`;

// coalesce: the first completion time stays when several nodes complete the same schedule.
const COMPLETE = `UPDATE schedule_state SET completed_at = coalesce(completed_at, $1) WHERE key = $2`;

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
    claimTick: async (key, tickAt) => (await pool.query(CLAIM, [key, tickAt])).rowCount === 1,
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

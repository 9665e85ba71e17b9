/**
 * ScheduleStateStore on SQLite. Each method is one statement, so SQLite's single-writer lock makes
 * the compare-and-set atomic across connections and processes sharing the file.
 */
import type { ScheduleStateRecord, ScheduleStateStore } from '../../types';
import type { SqliteDatabase } from '../connection';

// DO NOTHING keeps the first created_at: the grid of a rate() rule must not move on restart.
const REGISTER = `INSERT INTO schedule_state (key, created_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`;

// The compare-and-set. A missing row is inserted already claimed (its created_at is the tick, the
// best we know); an existing row changes only when the tick is newer, so `changes` is 1 for
// exactly one caller per tick. A WHERE that fails on DO UPDATE leaves changes at 0.
const CLAIM = `
INSERT INTO schedule_state (key, created_at, last_fired) VALUES (@key, @tick, @tick)
ON CONFLICT (key) DO UPDATE SET last_fired = excluded.last_fired
WHERE schedule_state.last_fired IS NULL OR schedule_state.last_fired < excluded.last_fired`;

const SELECT = `SELECT key, created_at, last_fired, completed_at FROM schedule_state`;

// coalesce: the first completion time stays when several nodes complete the same schedule.
const COMPLETE = `UPDATE schedule_state SET completed_at = coalesce(completed_at, ?) WHERE key = ?`;

interface Row {
  key: string;
  created_at: number;
  last_fired: number | null;
  completed_at: number | null;
}

export function createSqliteScheduleStateStore(db: SqliteDatabase): ScheduleStateStore {
  const register = db.prepare(REGISTER);
  const claim = db.prepare(CLAIM);
  const selectOne = db.prepare(`${SELECT} WHERE key = ?`);
  const selectAll = db.prepare(`${SELECT} ORDER BY key`);
  const complete = db.prepare(COMPLETE);
  const get = (key: string) => toRecord(selectOne.get(key) as Row | undefined);
  return {
    async register(key, createdAt) {
      register.run(key, createdAt);
      return get(key)!;
    },
    async claimTick(key, tickAt) {
      return claim.run({ key, tick: tickAt }).changes === 1;
    },
    async lastFired(key) {
      return get(key)?.lastFired;
    },
    async get(key) {
      return get(key);
    },
    async list() {
      return (selectAll.all() as Row[]).map((row) => toRecord(row)!);
    },
    async markCompleted(key, at) {
      complete.run(at, key);
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

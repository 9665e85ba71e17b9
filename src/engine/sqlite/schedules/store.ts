/**
 * ScheduleStateStore on SQLite. Each method is one statement (a claim with its outbox row, one
 * IMMEDIATE transaction), so SQLite's single-writer lock makes the compare-and-set and the
 * outbox lease atomic across connections and processes sharing the file.
 */
import type { PendingTick, ScheduleStateRecord, ScheduleStateStore } from '../../types';
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

const RECORD_PENDING = `INSERT INTO schedule_outbox (key, tick, lease_until) VALUES (?, ?, ?) ON CONFLICT (key, tick) DO NOTHING`;

const DELIVERED = `DELETE FROM schedule_outbox WHERE key = ? AND tick = ?`;

// Re-leasing in the UPDATE itself is what makes a stale tick go to one taker per lease.
const TAKE_STALE = `
UPDATE schedule_outbox SET lease_until = @until
WHERE (key, tick) IN (SELECT key, tick FROM schedule_outbox WHERE lease_until <= @now ORDER BY tick, key LIMIT @limit)
RETURNING key, tick, lease_until`;

const PENDING = `SELECT key, tick, lease_until FROM schedule_outbox ORDER BY key, tick`;

const SELECT = `SELECT key, created_at, last_fired, completed_at FROM schedule_state`;

// coalesce: the first completion time stays when several nodes complete the same schedule.
const COMPLETE = `UPDATE schedule_state SET completed_at = coalesce(completed_at, ?) WHERE key = ?`;

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

export function createSqliteScheduleStateStore(db: SqliteDatabase): ScheduleStateStore {
  const register = db.prepare(REGISTER);
  const claim = db.prepare(CLAIM);
  const selectOne = db.prepare(`${SELECT} WHERE key = ?`);
  const selectAll = db.prepare(`${SELECT} ORDER BY key`);
  const complete = db.prepare(COMPLETE);
  const recordPending = db.prepare(RECORD_PENDING);
  const delivered = db.prepare(DELIVERED);
  const takeStale = db.prepare(TAKE_STALE);
  const pending = db.prepare(PENDING);
  const claimWithOutbox = db.transaction((key: string, tick: number, leaseUntil: number) => {
    if (claim.run({ key, tick }).changes !== 1) return false;
    recordPending.run(key, tick, leaseUntil);
    return true;
  });
  const get = (key: string) => toRecord(selectOne.get(key) as Row | undefined);
  return {
    async register(key, createdAt) {
      register.run(key, createdAt);
      return get(key)!;
    },
    async claimTick(key, tickAt, leaseUntil) {
      if (leaseUntil === undefined) return claim.run({ key, tick: tickAt }).changes === 1;
      return claimWithOutbox.immediate(key, tickAt, leaseUntil);
    },
    async markDelivered(key, tickAt) {
      delivered.run(key, tickAt);
    },
    async takeStaleTicks(now, leaseUntil, limit) {
      return (takeStale.all({ now, until: leaseUntil, limit }) as PendingRow[]).map(toPending).sort(byTick);
    },
    async pendingTicks() {
      return (pending.all() as PendingRow[]).map(toPending);
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

function toPending(row: PendingRow): PendingTick {
  return { key: row.key, tick: row.tick, leaseUntil: row.lease_until };
}

/** RETURNING promises no order. */
function byTick(a: PendingTick, b: PendingTick): number {
  return a.tick - b.tick || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

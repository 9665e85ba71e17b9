/**
 * The write path of logs: one IMMEDIATE transaction per batch. A batch is many lines (the log
 * service flushes every few ms), so the per-commit cost is paid once per batch, not per line.
 * Group and stream summaries are folded in JS first, so each distinct group/stream costs one
 * upsert per batch however many lines it has.
 */
import type { LogEventInput } from '../../../types';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from '../../connection';

/**
 * Rows per INSERT statement. One statement per row costs a full VDBE program run and a native
 * call per line, which was most of the append cost (~3 µs a line); a multi-row VALUES list pays
 * that once per chunk. 64 rows × 5 parameters stays far below SQLite's parameter limit (32,766).
 */
const ROWS_PER_INSERT = 64;
const ROW_PLACEHOLDERS = '(?, ?, ?, ?, ?)';

const insertEventsSql = (rows: number) => `
INSERT INTO log_events (log_group, log_stream, timestamp, ingestion_time, message)
VALUES ${Array.from({ length: rows }, () => ROW_PLACEHOLDERS).join(', ')}`;

// Lambda creates /aws/lambda/<name> on first write; the counter makes DescribeLogGroups cheap.
const UPSERT_GROUP = `
INSERT INTO log_groups (name, created_at, stored_events) VALUES (@group, @now, @count)
ON CONFLICT (name) DO UPDATE SET stored_events = stored_events + @count`;

// min/max keep first/last event times right even when a batch carries older timestamps.
const UPSERT_STREAM = `
INSERT INTO log_streams (log_group, name, first_event_at, last_event_at) VALUES (@group, @stream, @first, @last)
ON CONFLICT (log_group, name) DO UPDATE SET
  first_event_at = min(first_event_at, @first),
  last_event_at  = max(last_event_at, @last)`;

interface StreamSummary {
  group: string;
  stream: string;
  first: number;
  last: number;
}

export function prepareAppend(db: SqliteDatabase): (events: LogEventInput[], ingestionTime: number) => void {
  // Prepared on first use, one per row count (a full chunk, and each remainder size seen).
  const inserts = new Map<number, BetterSqlite3.Statement>();
  const insertFor = (rows: number) => {
    let statement = inserts.get(rows);
    if (!statement) inserts.set(rows, (statement = db.prepare(insertEventsSql(rows))));
    return statement;
  };
  const upsertGroup = db.prepare(UPSERT_GROUP);
  const upsertStream = db.prepare(UPSERT_STREAM);
  const appendBatch = db.transaction((events: LogEventInput[], ingestionTime: number) => {
    // Rows go in event order, so AUTOINCREMENT ids keep the write order (the follow cursor).
    for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
      const end = Math.min(start + ROWS_PER_INSERT, events.length);
      const values: unknown[] = [];
      for (let i = start; i < end; i++) {
        const e = events[i];
        values.push(e.group, e.stream, e.timestamp, ingestionTime, e.message);
      }
      insertFor(end - start).run(values);
    }
    const { groups, streams } = summarise(events);
    for (const [group, count] of groups) upsertGroup.run({ group, now: ingestionTime, count });
    for (const s of streams.values()) upsertStream.run(s);
  });
  // IMMEDIATE: take the write lock up front so a concurrent writer waits on busy_timeout instead
  // of failing with SQLITE_BUSY when a deferred read lock would need upgrading.
  return (events, ingestionTime) => appendBatch.immediate(events, ingestionTime);
}

function summarise(events: LogEventInput[]) {
  const groups = new Map<string, number>();
  const streams = new Map<string, StreamSummary>();
  for (const e of events) {
    groups.set(e.group, (groups.get(e.group) ?? 0) + 1);
    const key = `${e.group}\u0000${e.stream}`;
    const s = streams.get(key);
    if (!s) streams.set(key, { group: e.group, stream: e.stream, first: e.timestamp, last: e.timestamp });
    else {
      s.first = Math.min(s.first, e.timestamp);
      s.last = Math.max(s.last, e.timestamp);
    }
  }
  return { groups, streams };
}

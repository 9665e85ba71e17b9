/**
 * The read path of logs. The WHERE clause is assembled from the filters actually given (not
 * `? IS NULL OR …`), so SQLite's planner sees plain range predicates and can use the indexes;
 * each distinct shape is prepared once and cached.
 *
 * Order: with a cursor (afterId) rows come in id order — commit order — so the caller can page and
 * follow with "id > last id seen" and never skip a row. Without one, rows come in timestamp order
 * (id breaks ties), as CloudWatch's FilterLogEvents returns them.
 */
import type { LogQuery, StoredLogEvent } from '../../../types';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from '../../connection';

/** Upper bound on one page, so a careless query cannot pull a whole history into memory. */
export const MAX_QUERY_LIMIT = 10_000;

interface Row {
  id: number;
  log_group: string;
  log_stream: string;
  timestamp: number;
  ingestion_time: number;
  message: string;
}

export function prepareQuery(db: SqliteDatabase): (q: LogQuery) => StoredLogEvent[] {
  const cache = new Map<string, BetterSqlite3.Statement<unknown[]>>();
  return (q) => {
    const { sql, params } = buildQuery(q);
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = db.prepare<unknown[]>(sql)));
    return (stmt.all(...params) as Row[]).map(toEvent);
  };
}

function buildQuery(q: LogQuery): { sql: string; params: unknown[] } {
  const where = ['log_group = ?'];
  const params: unknown[] = [q.group];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (q.stream !== undefined) add('log_stream = ?', q.stream);
  if (q.since !== undefined) add('timestamp >= ?', q.since);
  if (q.until !== undefined) add('timestamp <= ?', q.until);
  if (q.afterId !== undefined) add('id > ?', q.afterId);
  // instr, not LIKE: LIKE is case-insensitive for ASCII and treats % and _ as wildcards;
  // CloudWatch terms are literal and case-sensitive.
  if (q.contains !== undefined && q.contains !== '') add('instr(message, ?) > 0', q.contains);
  const direction = q.descending ? 'DESC' : 'ASC';
  const order = q.afterId !== undefined ? `id ${direction}` : `timestamp ${direction}, id ${direction}`;
  params.push(Math.min(Math.max(0, q.limit ?? MAX_QUERY_LIMIT), MAX_QUERY_LIMIT));
  const sql = `SELECT id, log_group, log_stream, timestamp, ingestion_time, message FROM log_events
WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`;
  return { sql, params };
}

function toEvent(r: Row): StoredLogEvent {
  return {
    id: r.id,
    group: r.log_group,
    stream: r.log_stream,
    timestamp: r.timestamp,
    ingestionTime: r.ingestion_time,
    message: r.message,
  };
}

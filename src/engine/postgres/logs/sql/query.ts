/**
 * The read path of logs: the WHERE clause holds only the filters given, so the planner sees plain
 * range predicates. Order as on SQLite: with a cursor (afterId), id order — commit order within a
 * group, see append.ts; without one, timestamp order with id breaking ties.
 */
import type { LogQuery, StoredLogEvent } from '../../../types';
import type { Queryable } from '../../connection';

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

export async function queryEvents(db: Queryable, q: LogQuery): Promise<StoredLogEvent[]> {
  const params: unknown[] = [q.group];
  const where = ['log_group = $1'];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (q.stream !== undefined) add((p) => `log_stream = ${p}`, q.stream);
  if (q.since !== undefined) add((p) => `timestamp >= ${p}`, q.since);
  if (q.until !== undefined) add((p) => `timestamp <= ${p}`, q.until);
  if (q.afterId !== undefined) add((p) => `id > ${p}`, q.afterId);
  // strpos, not LIKE: CloudWatch terms are literal and case-sensitive; % and _ are not wildcards.
  if (q.contains !== undefined && q.contains !== '') add((p) => `strpos(message, ${p}) > 0`, q.contains);
  const direction = q.descending ? 'DESC' : 'ASC';
  const order = q.afterId !== undefined ? `id ${direction}` : `timestamp ${direction}, id ${direction}`;
  params.push(Math.min(Math.max(0, q.limit ?? MAX_QUERY_LIMIT), MAX_QUERY_LIMIT));
  const sql = `SELECT id, log_group, log_stream, timestamp, ingestion_time, message FROM log_events
WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`;
  const { rows } = await db.query<Row>(sql, params);
  return rows.map((r) => ({
    id: r.id,
    group: r.log_group,
    stream: r.log_stream,
    timestamp: r.timestamp,
    ingestionTime: r.ingestion_time,
    message: r.message,
  }));
}

/**
 * The write path of logs: a whole batch in ONE statement (arrays through unnest), so it costs one
 * round trip. The group upsert locks each group's row until commit, and event ids are drawn only
 * after that: the events' INSERT reads the upsert's result first (`locked`), so every group row is
 * locked before the first id is drawn. Two appends to one group therefore commit in id order — the
 * property the follow cursor (`afterId`) relies on. Sequences alone are not commit-ordered: a
 * transaction that drew id 10 can commit after one that drew id 11, and a reader at cursor 11
 * would skip 10. One statement also keeps the lock for the statement only: with several nodes
 * writing one function's group, a lock held across round trips made every flush wait in line.
 */
import type { LogEventInput } from '../../../types';
import type { PgPool } from '../../connection';

const APPEND = `
WITH grp AS (
  -- Sorted by name so concurrent batches touching several groups lock them in one order (no deadlock).
  INSERT INTO log_groups (name, created_at, stored_events)
  SELECT g.name, $5, g.count FROM unnest($6::text[], $7::bigint[]) AS g(name, count) ORDER BY g.name
  ON CONFLICT (name) DO UPDATE SET stored_events = log_groups.stored_events + excluded.stored_events
  RETURNING 1
),
locked AS (SELECT count(*) AS groups FROM grp),
ev AS (
  -- ORDER BY ord: ids follow the batch's order, so a batch reads back as it was written.
  INSERT INTO log_events (log_group, log_stream, timestamp, ingestion_time, message)
  SELECT e.log_group, e.log_stream, e.timestamp, $5, e.message
  FROM locked, unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) WITH ORDINALITY AS e(log_group, log_stream, timestamp, message, ord)
  WHERE locked.groups > 0
  ORDER BY e.ord
  RETURNING 1
)
-- least/greatest keep first/last event times right even when a batch carries older timestamps.
INSERT INTO log_streams (log_group, name, first_event_at, last_event_at)
SELECT s.log_group, s.name, s.first, s.last
FROM unnest($8::text[], $9::text[], $10::bigint[], $11::bigint[]) AS s(log_group, name, first, last), locked
WHERE locked.groups > 0
ORDER BY s.log_group, s.name
ON CONFLICT (log_group, name) DO UPDATE SET
  first_event_at = least(log_streams.first_event_at, excluded.first_event_at),
  last_event_at  = greatest(log_streams.last_event_at, excluded.last_event_at)`;

export async function appendBatch(pool: PgPool, events: LogEventInput[], ingestionTime: number): Promise<void> {
  const { groups, streams } = summarise(events);
  const s = [...streams.values()];
  await pool.query({
    name: 'stratus_log_append',
    text: APPEND,
    values: [
      events.map((e) => e.group),
      events.map((e) => e.stream),
      events.map((e) => e.timestamp),
      events.map((e) => e.message),
      ingestionTime,
      [...groups.keys()],
      [...groups.values()],
      s.map((x) => x.group),
      s.map((x) => x.stream),
      s.map((x) => x.first),
      s.map((x) => x.last),
    ],
  });
}

interface StreamSummary {
  group: string;
  stream: string;
  first: number;
  last: number;
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

/**
 * The write path of logs: one transaction per batch, three statements whatever its size (arrays
 * through unnest). The group upsert comes FIRST and locks each group's row until commit; event
 * ids are drawn only after that, so two appends to one group commit in id order — the property
 * the follow cursor (`afterId`) relies on. Sequences alone are not commit-ordered: a transaction
 * that drew id 10 can commit after one that drew id 11, and a reader at cursor 11 would skip 10.
 */
import type { LogEventInput } from '../../../types';
import { inTransaction, type PgPool } from '../../connection';

// Sorted by name so concurrent batches touching several groups lock them in one order (no deadlock).
const UPSERT_GROUPS = `
INSERT INTO log_groups (name, created_at, stored_events)
SELECT g.name, $3, g.count FROM unnest($1::text[], $2::bigint[]) AS g(name, count) ORDER BY g.name
ON CONFLICT (name) DO UPDATE SET stored_events = log_groups.stored_events + excluded.stored_events`;

// ORDER BY ord: ids follow the batch's order, so a batch reads back as it was written.
const INSERT_EVENTS = `
INSERT INTO log_events (log_group, log_stream, timestamp, ingestion_time, message)
SELECT e.log_group, e.log_stream, e.timestamp, $5, e.message
FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) WITH ORDINALITY AS e(log_group, log_stream, timestamp, message, ord)
ORDER BY e.ord`;

// least/greatest keep first/last event times right even when a batch carries older timestamps.
const UPSERT_STREAMS = `
INSERT INTO log_streams (log_group, name, first_event_at, last_event_at)
SELECT s.log_group, s.name, s.first, s.last
FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS s(log_group, name, first, last)
ORDER BY s.log_group, s.name
ON CONFLICT (log_group, name) DO UPDATE SET
  first_event_at = least(log_streams.first_event_at, excluded.first_event_at),
  last_event_at  = greatest(log_streams.last_event_at, excluded.last_event_at)`;

export async function appendBatch(pool: PgPool, events: LogEventInput[], ingestionTime: number): Promise<void> {
  const { groups, streams } = summarise(events);
  await inTransaction(pool, async (client) => {
    await client.query(UPSERT_GROUPS, [[...groups.keys()], [...groups.values()], ingestionTime]);
    await client.query(INSERT_EVENTS, [
      events.map((e) => e.group),
      events.map((e) => e.stream),
      events.map((e) => e.timestamp),
      events.map((e) => e.message),
      ingestionTime,
    ]);
    const s = [...streams.values()];
    await client.query(UPSERT_STREAMS, [s.map((x) => x.group), s.map((x) => x.stream), s.map((x) => x.first), s.map((x) => x.last)]);
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

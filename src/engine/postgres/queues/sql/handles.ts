/**
 * Operations by receipt handle: delete and change visibility, each a whole batch in ONE statement.
 * A handle matches only while its token is the row's latest: a message received again since has a
 * new token (SQS: "you must provide the most recently received receipt handle … otherwise the
 * request succeeds, but the message might not be deleted", DeleteMessage API reference).
 */
import type { HandleOutcome } from '../../../types';
import type { Queryable } from '../../connection';
import { AVAILABLE_CHANNEL, decodeHandle } from '../rows';

const DELETE = `
WITH q AS (SELECT fifo FROM queues WHERE name = $1),
cur AS (
  -- The rows the handles still designate (latest token). Driven from the handles, one primary-key
  -- probe each (LIMIT 1 keeps the planner from turning this into a scan of the whole queue once
  -- statistics say the queue is large).
  SELECT m.seq, m.visible_at FROM unnest($2::bigint[], $3::text[]) AS h(seq, token)
  CROSS JOIN LATERAL (SELECT seq, visible_at, queue, receipt_token FROM queue_messages WHERE seq = h.seq LIMIT 1) AS m
  WHERE m.queue = $1 AND m.receipt_token = h.token
),
del AS (
  -- FIFO: once the lease lapsed another consumer may hold the group; the old handle must not
  -- delete (SQS: "The receipt handle has expired"). Standard queues still delete.
  DELETE FROM queue_messages m USING cur, q
  WHERE m.seq = cur.seq AND (NOT q.fifo OR cur.visible_at > $4)
  RETURNING m.seq
)
SELECT q.fifo, cur.seq, cur.visible_at, del.seq IS NOT NULL AS deleted,
  -- A delete can unlock a FIFO group: wake its receivers on every node.
  (SELECT count(pg_notify('${AVAILABLE_CHANNEL}', $1)) FROM q WHERE q.fifo AND EXISTS (SELECT 1 FROM del)) AS notified
FROM q LEFT JOIN cur ON true LEFT JOIN del ON del.seq = cur.seq`;

const CHANGE = `
WITH h AS (SELECT * FROM unnest($2::bigint[], $3::text[], $4::bigint[]) AS h(seq, token, timeout_ms)),
cur AS (
  -- One primary-key probe per handle, as in DELETE above.
  SELECT m.seq, m.visible_at, h.timeout_ms FROM h
  CROSS JOIN LATERAL (SELECT seq, visible_at, queue, receipt_token FROM queue_messages WHERE seq = h.seq LIMIT 1) AS m
  WHERE m.queue = $1 AND m.receipt_token = h.token
),
upd AS (
  -- Only an in-flight message has a lease to change (SQS's MessageNotInflight).
  UPDATE queue_messages m SET visible_at = $5 + cur.timeout_ms
  FROM cur WHERE m.seq = cur.seq AND cur.visible_at > $5
  RETURNING m.seq, cur.timeout_ms
)
SELECT cur.seq, upd.seq IS NOT NULL AS changed,
  (SELECT count(pg_notify('${AVAILABLE_CHANNEL}', $1)) WHERE EXISTS (SELECT 1 FROM upd WHERE timeout_ms = 0)) AS notified
FROM (SELECT 1) AS one LEFT JOIN cur ON true LEFT JOIN upd ON upd.seq = cur.seq`;

interface Decoded {
  seq: number;
  token: string;
}

/** Decodes the handles of this queue; the others are 'invalid' at once. */
function decodeAll(queue: string, handles: string[]): (Decoded | undefined)[] {
  return handles.map((handle) => {
    const d = decodeHandle(handle);
    return d && d.queue === queue ? { seq: d.seq, token: d.token } : undefined;
  });
}

/** Deletes; `madeAvailable` is true when a FIFO group may have been unlocked. */
export async function deleteByHandles(db: Queryable, queue: string, handles: string[], now: number) {
  const decoded = decodeAll(queue, handles);
  const valid = decoded.filter((d): d is Decoded => d !== undefined);
  const { rows } = await db.query<{ fifo: boolean; seq: number | null; visible_at: number | null; deleted: boolean }>({
    name: 'stratus_delete',
    text: DELETE,
    values: [queue, valid.map((d) => d.seq), valid.map((d) => d.token), now],
  });
  const fifo = rows[0]?.fifo ?? false;
  const found = new Map(rows.filter((r) => r.seq !== null).map((r) => [r.seq!, r]));
  const outcomes = decoded.map((d): HandleOutcome => {
    if (!d) return 'invalid';
    const row = found.get(d.seq);
    if (!row) return 'stale';
    if (row.deleted) return 'ok';
    return fifo && row.visible_at! <= now ? 'lapsed' : 'stale';
  });
  return { outcomes, madeAvailable: fifo && outcomes.includes('ok') };
}

export async function changeByHandles(
  db: Queryable,
  queue: string,
  changes: { receiptHandle: string; visibilityTimeoutMs: number }[],
  now: number,
) {
  const decoded = decodeAll(queue, changes.map((c) => c.receiptHandle));
  const valid = decoded.flatMap((d, i) => (d ? [{ ...d, timeout: changes[i].visibilityTimeoutMs }] : []));
  const { rows } = await db.query<{ seq: number | null; changed: boolean }>({
    name: 'stratus_change_visibility',
    text: CHANGE,
    values: [queue, valid.map((d) => d.seq), valid.map((d) => d.token), valid.map((d) => d.timeout), now],
  });
  const found = new Map(rows.filter((r) => r.seq !== null).map((r) => [r.seq!, r.changed]));
  const outcomes = decoded.map((d): HandleOutcome => {
    if (!d) return 'invalid';
    const changed = found.get(d.seq);
    return changed === undefined ? 'stale' : changed ? 'ok' : 'lapsed';
  });
  const madeAvailable = outcomes.some((o, i) => o === 'ok' && changes[i].visibilityTimeoutMs === 0);
  return { outcomes, madeAvailable };
}

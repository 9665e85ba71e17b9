/**
 * FIFO receive, in one transaction with the queue row locked (FOR UPDATE): FIFO receives of one
 * queue serialise across nodes, which is what "one in-flight batch per group" needs. SQS's rules
 * (SQS Developer Guide, "FIFO queue delivery logic"):
 * - messages of one group are delivered strictly in order, from the group's head;
 * - while any message of a group is in flight, no other message of that group is returned;
 * - SQS fills a batch with as many messages of one group as it can, then other groups.
 * Groups are visited in the order their oldest available message became available.
 */
import type { ReceiveRequest, ReceivedMessage } from '../../../types';
import { inTransaction, type PgPool } from '../../connection';
import { AVAILABLE_CHANNEL, QueueNotFoundError, type MessageRow } from '../rows';
import { applyFates, type DeadLetterTarget } from './apply';

const LOCK_QUEUE = `
SELECT q.max_receive_count, d.name AS dlq, d.fifo AS dlq_fifo, d.retention_ms AS dlq_retention_ms
FROM queues q LEFT JOIN queues d ON d.name = q.dead_letter_queue
WHERE q.name = $1
FOR UPDATE OF q`;

/**
 * Rows a receive may serve from, group by group: the first `$3` groups with no message in flight,
 * in the order of their oldest available message, each with its first `$4` messages in send order.
 *
 * The groups are found by walking queue_messages_available in (visible_at, seq) order, one index
 * probe per group found: each step takes the next available row of a group not taken yet, so the
 * first row met of a group is its oldest available message. A queue with many available messages
 * is no longer read whole on every receive: the walk stops after `$3` groups, and it only reads
 * past the rows of groups it skips (taken, in flight, or visited by an earlier round: $5).
 */
const CANDIDATES = `
WITH RECURSIVE locked AS (
  -- Groups with a message in flight: leased (receive_count > 0) and not visible again yet.
  SELECT DISTINCT group_id FROM queue_messages
  WHERE queue = $1 AND visible_at > $2 AND receive_count > 0 AND group_id IS NOT NULL
),
walk (rank, visible_at, seq, group_id, taken) AS (
  SELECT 1::bigint, h.visible_at, h.seq, h.group_id, ARRAY[h.group_id] FROM (
    SELECT visible_at, seq, group_id FROM queue_messages
    WHERE queue = $1 AND visible_at <= $2 AND group_id IS NOT NULL
      AND group_id NOT IN (SELECT group_id FROM locked) AND group_id <> ALL($5::text[])
    ORDER BY visible_at, seq LIMIT 1
  ) h
  UNION ALL
  SELECT w.rank + 1, h.visible_at, h.seq, h.group_id, w.taken || h.group_id FROM walk w
  CROSS JOIN LATERAL (
    SELECT visible_at, seq, group_id FROM queue_messages
    WHERE queue = $1 AND visible_at <= $2 AND (visible_at, seq) > (w.visible_at, w.seq) AND group_id IS NOT NULL
      AND group_id NOT IN (SELECT group_id FROM locked) AND group_id <> ALL($5::text[]) AND group_id <> ALL(w.taken)
    ORDER BY visible_at, seq LIMIT 1
  ) h
  WHERE w.rank < $3
)
SELECT c.rank, m.* FROM walk c
CROSS JOIN LATERAL (
  SELECT * FROM queue_messages WHERE queue = $1 AND group_id = c.group_id ORDER BY seq LIMIT $4
) m
ORDER BY c.rank, m.seq`;

/** Rows read per group beyond `max`, so expired or dead-lettered heads do not starve a batch. */
const GROUP_SLACK = 20;

export function receiveFifo(pool: PgPool, queue: string, req: ReceiveRequest): Promise<{ messages: ReceivedMessage[]; deadLetterQueue?: string }> {
  return inTransaction(pool, async (client) => {
    const q = (await client.query<{ max_receive_count: number | null; dlq: string | null; dlq_fifo: boolean; dlq_retention_ms: number }>(LOCK_QUEUE, [queue])).rows[0];
    if (!q) throw new QueueNotFoundError(queue);
    const deadLetter: DeadLetterTarget | undefined =
      q.dlq !== null && q.max_receive_count !== null
        ? { queue: q.dlq, maxReceiveCount: q.max_receive_count, fifo: q.dlq_fifo, retentionMs: q.dlq_retention_ms }
        : undefined;
    const messages: ReceivedMessage[] = [];
    const visited: string[] = [];
    let deadLettered = false;
    while (messages.length < req.max) {
      const room = req.max - messages.length;
      const { rows } = await client.query<MessageRow>(CANDIDATES, [queue, req.now, room, req.max + GROUP_SLACK, visited]);
      if (rows.length === 0) break;
      const plan = planGroups(rows, room, req.now, deadLetter);
      const leased = await applyFates(client, plan, req, deadLetter);
      messages.push(...leased);
      deadLettered ||= plan.dead.length > 0;
      visited.push(...new Set(rows.map((r) => r.group_id!)));
      // Another round only when dropped or dead-lettered heads left room and groups may remain.
      if (plan.lease.length === 0 && plan.dead.length === 0 && plan.drop.length === 0) break;
    }
    if (deadLettered && deadLetter) await client.query(`SELECT pg_notify('${AVAILABLE_CHANNEL}', $1)`, [deadLetter.queue]);
    return { messages, ...(deadLettered && deadLetter && { deadLetterQueue: deadLetter.queue }) };
  });
}

export interface FatePlan {
  lease: number[];
  drop: number[];
  dead: number[];
}

/** Walks each group from its head: takes while visible and room is left; stops at the first that is not. */
function planGroups(rows: MessageRow[], room: number, now: number, deadLetter: DeadLetterTarget | undefined): FatePlan {
  const plan: FatePlan = { lease: [], drop: [], dead: [] };
  let stoppedGroup: string | null | undefined;
  for (const row of rows) {
    if (row.group_id === stoppedGroup) continue;
    if (room === 0) break;
    if (row.visible_at > now) {
      stoppedGroup = row.group_id;
      continue;
    }
    if (row.expires_at <= now) plan.drop.push(row.seq);
    else if (deadLetter && row.receive_count >= deadLetter.maxReceiveCount) plan.dead.push(row.seq);
    else {
      plan.lease.push(row.seq);
      room--;
    }
  }
  return plan;
}

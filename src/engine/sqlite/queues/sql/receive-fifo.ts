/**
 * FIFO receive. SQS's rules (SQS Developer Guide, "FIFO queue delivery logic"):
 * - messages of one group are delivered strictly in order, from the group's head;
 * - while any message of a group is in flight, no other message of that group is returned
 *   (the group is skipped entirely, so a later message can never overtake a leased one);
 * - SQS fills a batch with as many messages of one group as it can, then other groups.
 * Groups are visited in the order their oldest available message became available.
 */
import type { ReceivedMessage } from '../../../types';
import type { SqliteDatabase } from '../../connection';
import type { MessageRow } from '../rows';
import type { LeaseContext, prepareLease } from './lease';

// Groups with a message in flight: leased (receive_count > 0) and not yet visible again.
// Reads only the not-yet-visible end of the available index.
const LOCKED_GROUPS = `
SELECT DISTINCT group_id FROM queue_messages
WHERE queue = @queue AND visible_at > @now AND receive_count > 0 AND group_id IS NOT NULL`;

// Candidate groups, a page at a time in availability order (keyset, as in receive.ts).
const AVAILABLE_PAGE = `
SELECT seq, visible_at, group_id FROM queue_messages
WHERE queue = @queue AND visible_at <= @now AND (visible_at, seq) > (@after_visible, @after_seq)
ORDER BY visible_at, seq LIMIT @limit`;

// One group from its head, in send order (queue_messages_group index).
const GROUP_PAGE = `
SELECT * FROM queue_messages WHERE queue = @queue AND group_id = @group AND seq > @after_seq
ORDER BY seq LIMIT @limit`;

const PAGE = 100;

export function prepareFifoReceive(db: SqliteDatabase, lease: ReturnType<typeof prepareLease>) {
  const lockedGroups = db.prepare(LOCKED_GROUPS).pluck();
  const availablePage = db.prepare(AVAILABLE_PAGE);
  const groupPage = db.prepare(GROUP_PAGE);

  /** Leases from the group's head while messages are available; stops at the first that is not. */
  const takeFromGroup = (ctx: LeaseContext, group: string, room: number, out: ReceivedMessage[]) => {
    let deadLettered = false;
    let afterSeq = 0;
    for (;;) {
      const rows = groupPage.all({ queue: ctx.queue, group, after_seq: afterSeq, limit: PAGE }) as MessageRow[];
      for (const row of rows) {
        if (room === 0 || row.visible_at > ctx.now) return deadLettered;
        const outcome = lease.apply(ctx, row);
        if ('leased' in outcome) {
          out.push(outcome.leased);
          room--;
        } else if ('deadLettered' in outcome) deadLettered = true;
      }
      if (rows.length < PAGE) return deadLettered;
      afterSeq = rows[rows.length - 1].seq;
    }
  };

  return (ctx: LeaseContext, max: number): { messages: ReceivedMessage[]; deadLettered: boolean } => {
    const skip = new Set(lockedGroups.all({ queue: ctx.queue, now: ctx.now }) as string[]);
    const messages: ReceivedMessage[] = [];
    let deadLettered = false;
    let after = { visible: Number.MIN_SAFE_INTEGER, seq: 0 };
    while (messages.length < max) {
      const page = availablePage.all({
        queue: ctx.queue,
        now: ctx.now,
        after_visible: after.visible,
        after_seq: after.seq,
        limit: PAGE,
      }) as Pick<MessageRow, 'seq' | 'visible_at' | 'group_id'>[];
      for (const row of page) {
        if (messages.length >= max) break;
        const group = row.group_id ?? '';
        if (skip.has(group)) continue;
        skip.add(group);
        if (takeFromGroup(ctx, group, max - messages.length, messages)) deadLettered = true;
      }
      if (page.length < PAGE) break;
      const last = page[page.length - 1];
      after = { visible: last.visible_at, seq: last.seq };
    }
    return { messages, deadLettered };
  };
}

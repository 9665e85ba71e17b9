/**
 * Operations by receipt handle: delete and change visibility, each a whole batch in one
 * IMMEDIATE transaction. A handle matches only while its token is the row's latest: a message
 * received again since then has a new token (SQS: "you must provide the most recently received
 * receipt handle … otherwise the request succeeds, but the message might not be deleted",
 * DeleteMessage API reference).
 */
import type { HandleOutcome } from '../../../types';
import type { SqliteDatabase } from '../../connection';
import { decodeHandle } from '../rows';

const SELECT_ROW = `SELECT queue, receipt_token, visible_at FROM queue_messages WHERE seq = ?`;
const SELECT_FIFO = `SELECT fifo FROM queues WHERE name = ?`;
const DELETE_ROW = `DELETE FROM queue_messages WHERE seq = ?`;
const SET_VISIBLE_AT = `UPDATE queue_messages SET visible_at = ? WHERE seq = ?`;

interface Row {
  queue: string;
  receipt_token: string | null;
  visible_at: number;
}

export function prepareHandles(db: SqliteDatabase, onAvailable: (queue: string) => void) {
  const selectRow = db.prepare(SELECT_ROW);
  const selectFifo = db.prepare(SELECT_FIFO).pluck();
  const deleteRow = db.prepare(DELETE_ROW);
  const setVisibleAt = db.prepare(SET_VISIBLE_AT);

  /** The row a handle currently designates, or why it designates none. */
  const resolve = (queue: string, handle: string): { seq: number; row: Row } | Exclude<HandleOutcome, 'ok' | 'lapsed'> => {
    const decoded = decodeHandle(handle);
    if (!decoded || decoded.queue !== queue) return 'invalid';
    const row = selectRow.get(decoded.seq) as Row | undefined;
    if (!row || row.queue !== queue || row.receipt_token !== decoded.token) return 'stale';
    return { seq: decoded.seq, row };
  };

  const deleteBatch = db.transaction((queue: string, handles: string[], now: number): HandleOutcome[] => {
    const fifo = selectFifo.get(queue) === 1;
    return handles.map((handle) => {
      const found = resolve(queue, handle);
      if (typeof found === 'string') return found;
      // FIFO: once the lease lapsed, another consumer may hold the group; the old handle must
      // not delete (SQS answers "The receipt handle has expired"). Standard queues still delete.
      if (fifo && found.row.visible_at <= now) return 'lapsed';
      deleteRow.run(found.seq);
      return 'ok';
    });
  });

  const changeBatch = db.transaction(
    (queue: string, changes: { receiptHandle: string; visibilityTimeoutMs: number }[], now: number) => {
      let madeAvailable = false;
      const outcomes = changes.map((change): HandleOutcome => {
        const found = resolve(queue, change.receiptHandle);
        if (typeof found === 'string') return found;
        // Only an in-flight message has a lease to change (SQS's MessageNotInflight).
        if (found.row.visible_at <= now) return 'lapsed';
        setVisibleAt.run(now + change.visibilityTimeoutMs, found.seq);
        if (change.visibilityTimeoutMs === 0) madeAvailable = true;
        return 'ok';
      });
      return { outcomes, madeAvailable, fifo: selectFifo.get(queue) === 1 };
    },
  );

  return {
    delete(queue: string, handles: string[], now: number): HandleOutcome[] {
      const outcomes = deleteBatch.immediate(queue, handles, now);
      // A delete can unlock a FIFO group, making its next message receivable.
      if (outcomes.includes('ok') && selectFifo.get(queue) === 1) onAvailable(queue);
      return outcomes;
    },
    changeVisibility(queue: string, changes: { receiptHandle: string; visibilityTimeoutMs: number }[], now: number) {
      const { outcomes, madeAvailable } = changeBatch.immediate(queue, changes, now);
      if (madeAvailable) onAvailable(queue);
      return outcomes;
    },
  };
}

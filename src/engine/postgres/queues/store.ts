/**
 * QueueStore on PostgreSQL. Hot paths are one statement each (standard send, receive, delete);
 * FIFO sends and receives lock their queue row for the transaction. After a commit that made
 * messages available, one local listener fires at once (signal.ts: one per fire, passed on) and
 * other nodes hear the NOTIFY (wakeups.ts) when this node has no idle receiver (remote-wake.ts).
 * Queue records are cached (catalog-cache.ts). Every change is counted for the table's vacuum.
 */
import type { QueueStore, ReceiveRequest, SentMessage } from '../../types';
import type { AvailabilitySignal } from '../../sqlite/queues/signal';
import type { PgPool } from '../connection';
import { QueueNotFoundError } from './rows';
import { createCatalog } from './sql/catalog';
import { changeByHandles, deleteByHandles } from './sql/handles';
import { createMaintenance } from './sql/maintenance';
import { createMoveTasks } from './sql/move-tasks';
import { receiveFifo } from './sql/receive-fifo';
import { receiveStandard } from './sql/receive';
import { sendFifo } from './sql/send-fifo';
import { sendStandard } from './sql/send';
import type { QueueVacuum } from './vacuum';
import { CHANGED_CHANNEL, type QueueRecordCache } from './catalog-cache';
import { RemoteWake } from './remote-wake';

export { QueueNotFoundError } from './rows';

/**
 * `signal` is shared with the engine's LISTEN connection (wakeups.ts), which fires it for other
 * nodes' commits; `subscribed` is kept here: the queues with at least one listener, re-woken by
 * wakeups.ts after a lost connection.
 */
export function createPostgresQueueStore(
  pool: PgPool,
  signal: AvailabilitySignal,
  subscribed: Set<string>,
  vacuum: QueueVacuum,
  records: QueueRecordCache,
): QueueStore {
  const listeners = new Map<string, number>();
  const fire = (queue: string) => signal.fire([queue]);
  const catalog = createCatalog(pool);
  const maintenance = createMaintenance(pool);
  const moves = createMoveTasks(pool, (queues) => signal.fire(queues));
  const others = new RemoteWake(pool, (queue) => listeners.get(queue) ?? 0);
  // Standard queues in one statement; FIFO ones (told apart by that statement) in receive-fifo.ts.
  const receiveOnce = async (queue: string, request: ReceiveRequest) => {
    const standard = await receiveStandard(pool, queue, request);
    if (standard === 'missing') throw new QueueNotFoundError(queue);
    if (standard !== 'fifo') return { fifo: false, ...standard };
    return { fifo: true, more: undefined, ...(await receiveFifo(pool, queue, request)) };
  };
  // After a change to a queue's row: this node's copy goes now, the other nodes' on the NOTIFY.
  const changed = async <T>(name: string, result: T): Promise<T> => {
    records.invalidate(name);
    await pool.query(`SELECT pg_notify('${CHANGED_CHANNEL}', $1)`, [name]);
    return result;
  };
  return {
    createQueue: (queue, now) => catalog.create(queue, now),
    getQueue: (name) => records.get(name, catalog.get),
    listQueues: (prefix = '') => catalog.list(prefix),
    updateQueue: async (name, update, now) => changed(name, await catalog.update(name, update, now)),
    deleteQueue: async (name) => changed(name, await catalog.delete(name)),
    async send(queue, messages, now) {
      if (messages.length === 0) return [];
      const standard = await sendStandard(pool, queue, messages, now, !others.idleHere(queue));
      if (standard === 'missing') throw new QueueNotFoundError(queue);
      let sent: SentMessage[];
      if (standard === 'fifo') sent = await sendFifo(pool, queue, messages, now);
      else sent = standard.messageIds.map((messageId) => ({ messageId, duplicate: false }));
      if (messages.some((m, i) => m.delayMs <= 0 && !sent[i].duplicate)) fire(queue);
      vacuum.note(messages.length);
      return sent;
    },
    async receive(queue, request) {
      const firedBefore = signal.fired(queue);
      const leave = others.enter(queue);
      const { fifo, deadLetterQueue, more, ...rest } = await receiveOnce(queue, request).finally(leave);
      if (deadLetterQueue) fire(deadLetterQueue);
      vacuum.note(rest.messages.length);
      // FIFO receives do not look past their batch: a full one may have left messages behind.
      const leftBehind = more ?? rest.messages.length === request.max;
      signal.passOn(queue, rest.messages.length, request.max, leftBehind, firedBefore, leftBehind ? () => others.leftBehind(queue) : undefined);
      if (rest.messages.length === 0 && fifo) {
        const next = await maintenance.nextVisibleAt(queue, request.now);
        if (next !== undefined) return { messages: [], nextVisibleAt: next };
      }
      return rest;
    },
    async delete(queue, receiptHandles, now) {
      const { outcomes, madeAvailable } = await deleteByHandles(pool, queue, receiptHandles, now);
      if (madeAvailable) fire(queue);
      vacuum.note(outcomes.length);
      return outcomes;
    },
    async changeVisibility(queue, changes, now) {
      const { outcomes, madeAvailable } = await changeByHandles(pool, queue, changes, now);
      if (madeAvailable) fire(queue);
      return outcomes;
    },
    purge: async (queue, now) => changed(queue, await maintenance.purge(queue, now)),
    counts: (queue, now) => maintenance.counts(queue, now),
    peek: (queue, max, now) => maintenance.peek(queue, max, now),
    sweep: (now) => maintenance.sweep(now),
    startMoveTask: (task, now) => moves.start(task, now),
    stepMoveTask: (taskId, max, now) => moves.step(taskId, max, now),
    cancelMoveTask: (taskId) => moves.cancel(taskId),
    getMoveTask: (taskId) => moves.get(taskId),
    listMoveTasks: (source, limit) => moves.list(source, limit),
    onAvailable(queue, listener) {
      listeners.set(queue, (listeners.get(queue) ?? 0) + 1);
      subscribed.add(queue);
      const off = signal.on(queue, listener);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        off();
        const left = (listeners.get(queue) ?? 1) - 1;
        if (left > 0) listeners.set(queue, left);
        else {
          listeners.delete(queue);
          subscribed.delete(queue);
        }
      };
    },
  };
}

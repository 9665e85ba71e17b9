/**
 * QueueStore on SQLite. better-sqlite3 is synchronous; each call is one short IMMEDIATE
 * transaction (a batch of sends, one receive of up to 10, a batch of deletes), so running it
 * inline is cheaper than handing it to another thread. Wake-ups fire after commit.
 */
import type { QueueStore } from '../../types';
import type { SqliteDatabase } from '../connection';
import { AvailabilitySignal } from './signal';
import { prepareCatalog } from './sql/catalog';
import { prepareHandles } from './sql/handles';
import { prepareMaintenance } from './sql/maintenance';
import { prepareMoveTasks } from './sql/move-tasks';
import { prepareReceive } from './sql/receive';
import { prepareSend } from './sql/send';

export { QueueNotFoundError } from './sql/send';

export function createSqliteQueueStore(db: SqliteDatabase): QueueStore {
  const signal = new AvailabilitySignal();
  const fire = (queue: string) => signal.fire([queue]);
  const catalog = prepareCatalog(db);
  const send = prepareSend(db);
  const receive = prepareReceive(db, fire);
  const handles = prepareHandles(db, fire);
  const maintenance = prepareMaintenance(db);
  const moves = prepareMoveTasks(db, (queues) => signal.fire(queues));
  return {
    createQueue: async (queue, now) => catalog.create(queue, now),
    getQueue: async (name) => catalog.get(name),
    listQueues: async (prefix = '') => catalog.list(prefix),
    updateQueue: async (name, update, now) => catalog.update(name, update, now),
    deleteQueue: async (name) => catalog.delete(name),
    async send(queue, messages, now) {
      if (messages.length === 0) return [];
      const sent = send(queue, messages, now);
      if (messages.some((m, i) => m.delayMs <= 0 && !sent[i].duplicate)) fire(queue);
      return sent;
    },
    async receive(queue, request) {
      // Synchronous: no fire can land during it, only a full batch may leave messages behind.
      const result = receive(queue, request);
      signal.passOn(queue, result.messages.length, request.max, result.messages.length === request.max, signal.fired(queue));
      return result;
    },
    delete: async (queue, receiptHandles, now) => handles.delete(queue, receiptHandles, now),
    changeVisibility: async (queue, changes, now) => handles.changeVisibility(queue, changes, now),
    purge: async (queue, now) => maintenance.purge(queue, now),
    counts: async (queue, now) => maintenance.counts(queue, now),
    peek: async (queue, max, now) => maintenance.peek(queue, max, now),
    sweep: async (now) => maintenance.sweep(now),
    startMoveTask: async (task, now) => moves.start(task, now),
    stepMoveTask: async (taskId, max, now) => moves.step(taskId, max, now),
    cancelMoveTask: async (taskId) => moves.cancel(taskId),
    getMoveTask: async (taskId) => moves.get(taskId),
    listMoveTasks: async (source, limit) => moves.list(source, limit),
    onAvailable: (queue, listener) => signal.on(queue, listener),
  };
}

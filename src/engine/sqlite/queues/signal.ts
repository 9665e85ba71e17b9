/**
 * The in-process wake-up signal of the SQLite engine: listeners per queue, fired after the commit
 * that made messages available. It only sees this process's commits; another process writing the
 * same file is noticed by the next receive (PostgreSQL uses LISTEN/NOTIFY to cover that case).
 */
import { EventEmitter } from 'node:events';

export class AvailabilitySignal {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  on(queue: string, listener: () => void): () => void {
    this.emitter.on(queue, listener);
    return () => this.emitter.off(queue, listener);
  }

  /** Called after commit only, so a woken receiver always finds the rows. */
  fire(queues: Iterable<string>): void {
    for (const queue of new Set(queues)) this.emitter.emit(queue);
  }
}

/**
 * When to wake the OTHER nodes. A NOTIFY wakes one receiver on every other node, and each of them
 * runs a receive; when this node takes the messages itself they all come back empty (with two
 * nodes under a steady stream, that was one wasted receive per send). So a send notifies the
 * others only when no receiver of this node is idle on the queue: while this node keeps up, it
 * serves its own sends; once all its receivers are busy, the others are asked to help. Receivers
 * of this node are idle = listening (onAvailable) but not inside a receive right now.
 *
 * A receive that leaves messages behind (`more`) while nothing here is idle asks the others too,
 * at most once per ASK_INTERVAL_MS per queue (under a backlog every receive leaves some). Other
 * nodes' long polls also end by themselves (20 s at most) and find whatever is left.
 */
import type { Queryable } from '../connection';
import { AVAILABLE_CHANNEL } from './rows';

export const ASK_INTERVAL_MS = 100;

export class RemoteWake {
  private readonly receiving = new Map<string, number>();
  private readonly askedAt = new Map<string, number>();

  constructor(
    private readonly db: Queryable,
    private readonly listeners: (queue: string) => number,
  ) {}

  /** Marks a receive of `queue` as running; call the result when it ends. */
  enter(queue: string): () => void {
    this.receiving.set(queue, (this.receiving.get(queue) ?? 0) + 1);
    return () => {
      const left = (this.receiving.get(queue) ?? 1) - 1;
      if (left > 0) this.receiving.set(queue, left);
      else this.receiving.delete(queue);
    };
  }

  /** A receiver of this node waits on `queue` and would take a new message itself. */
  idleHere(queue: string): boolean {
    return this.listeners(queue) > (this.receiving.get(queue) ?? 0);
  }

  /** After a receive that left messages behind: wakes the other nodes if this one has no one idle. */
  leftBehind(queue: string): void {
    if (this.idleHere(queue)) return;
    const now = Date.now();
    if (now - (this.askedAt.get(queue) ?? 0) < ASK_INTERVAL_MS) return;
    this.askedAt.set(queue, now);
    // Best effort: a lost wake-up only means the others find the messages at their next poll.
    this.db.query(`SELECT pg_notify('${AVAILABLE_CHANNEL}', $1)`, [queue]).catch(() => {});
  }
}

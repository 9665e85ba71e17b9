/**
 * The in-process wake-up signal of the queue stores, fired after the commit that made messages
 * available. It only sees this process's commits; PostgreSQL's LISTEN connection fires it for
 * other nodes' commits (postgres/queues/wakeups.ts).
 *
 * A fire wakes ONE listener of the queue (the one waiting longest), not all of them: every
 * listener is a receiver about to query the queue, and waking five pollers for one batch of ten
 * costs four empty receives. The wake is passed on by the stores instead (`passOn`): a receive
 * that may have left messages behind, or that ran while a fire happened, fires again, so a
 * receiver that was handed the wake but found other messages does not strand the new ones.
 */
export class AvailabilitySignal {
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly fires = new Map<string, number>();

  on(queue: string, listener: () => void): () => void {
    // A wrapper per subscription: the same function subscribed twice is two listeners.
    const entry = () => listener();
    let set = this.listeners.get(queue);
    if (!set) this.listeners.set(queue, (set = new Set()));
    set.add(entry);
    return () => {
      const current = this.listeners.get(queue);
      if (!current?.delete(entry)) return;
      if (current.size === 0) this.listeners.delete(queue);
    };
  }

  /** Called after commit only, so a woken receiver always finds the rows. */
  fire(queues: Iterable<string>): void {
    for (const queue of new Set(queues)) {
      this.fires.set(queue, (this.fires.get(queue) ?? 0) + 1);
      const set = this.listeners.get(queue);
      const first = set?.values().next().value;
      if (!set || !first) continue;
      // Round robin: the woken listener goes to the back (receivers unsubscribe once woken anyway).
      set.delete(first);
      set.add(first);
      first();
    }
  }

  /** How many times `queue` was fired so far: read before a receive, compared by `passOn`. */
  fired(queue: string): number {
    return this.fires.get(queue) ?? 0;
  }

  /**
   * After a receive of up to `max`: wakes the next listener when the receive got messages and
   * either more may be waiting (`more`), or it came back short while a fire happened during it
   * (`firedBefore` is `fired()` from before it): that fire may have been handed to this very
   * receiver, whose statement did not see the new messages. A full batch does not pass such a
   * fire on: its receiver is a consumer that comes back for more (and with other nodes' commits
   * arriving all the time, passing on every one would wake a receiver per batch for nothing).
   * `then` runs right after the wake (the PostgreSQL store asks other nodes there).
   */
  passOn(queue: string, received: number, max: number, more: boolean, firedBefore: number, then?: () => void): void {
    if (received === 0) return;
    if (!more && !(received < max && this.fired(queue) !== firedBefore)) return;
    // After the receiver's own continuation: a long poll unsubscribes once its receive returns,
    // and the wake must reach ANOTHER listener, not the one about to leave.
    setImmediate(() => {
      this.fire([queue]);
      then?.();
    });
  }
}

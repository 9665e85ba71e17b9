/**
 * Waiting for messages without polling: a receive that finds nothing sleeps until the first of
 * (a) the engine's signal that messages became available, (b) the next moment a delayed or leased
 * message becomes visible, on the service's clock, (c) the end of WaitTimeSeconds, (d) shutdown.
 */
import type { ReceiveResult } from '../../engine/types';
import type { QueueContext } from './context';

// A reason given up front: abort() without one builds a DOMException (with its stack) each time,
// and every receive aborts its controller at least once.
const WOKEN = Object.freeze(new Error('woken'));

export async function receiveWithWait(
  ctx: QueueContext,
  queue: string,
  deadline: number,
  attempt: () => Promise<ReceiveResult>,
): Promise<ReceiveResult> {
  for (;;) {
    // Subscribe before the attempt: a send committed between the attempt and the wait still wakes us.
    const woken = new AbortController();
    const unsubscribe = ctx.store.onAvailable(queue, () => woken.abort(WOKEN));
    const stop = () => woken.abort(WOKEN);
    ctx.closing.addEventListener('abort', stop, { once: true });
    try {
      const result = await attempt();
      const now = ctx.clock.now();
      if (result.messages.length > 0 || now >= deadline || ctx.closing.aborted) return result;
      const until = Math.min(deadline, result.nextVisibleAt ?? deadline);
      await ctx.clock.sleepUntil(until, woken.signal).catch(() => undefined);
    } finally {
      unsubscribe();
      ctx.closing.removeEventListener('abort', stop);
      woken.abort(WOKEN);
    }
  }
}

/**
 * Waiting for messages without polling: a receive that finds nothing sleeps until the first of
 * (a) the engine's signal that messages became available, (b) the next moment a delayed or leased
 * message becomes visible, on the service's clock, (c) the end of WaitTimeSeconds, (d) shutdown.
 */
import type { ReceiveResult } from '../../engine/types';
import type { QueueContext } from './context';

/**
 * The abort reason for a finished or woken wait. Without one, abort() builds a DOMException (and
 * captures a stack) on every receive; the reason is never seen, the sleep's rejection is ignored.
 */
const DONE_WAITING = Object.freeze({ reason: 'done waiting' });

export async function receiveWithWait(
  ctx: QueueContext,
  queue: string,
  deadline: number,
  attempt: () => Promise<ReceiveResult>,
): Promise<ReceiveResult> {
  for (;;) {
    // Subscribe before the attempt: a send committed between the attempt and the wait still wakes us.
    const woken = new AbortController();
    const stop = () => woken.abort(DONE_WAITING);
    const unsubscribe = ctx.store.onAvailable(queue, stop);
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
      stop();
    }
  }
}

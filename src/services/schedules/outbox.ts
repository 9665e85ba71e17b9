/**
 * Redelivering abandoned ticks. A won claim leaves its tick in the engine's outbox until every
 * target was handed to the dispatcher (firing.ts); a tick still there after its lease belongs to
 * a node that died mid-delivery (this process before a restart, or another node on PostgreSQL).
 * Each node sweeps at start and every OUTBOX_SWEEP_MS: the engine re-leases a stale tick to one
 * sweeper, which delivers it again with the same payloads (same event id) and marks it delivered.
 *
 * A pending tick of a schedule this node does not know (removed from the template, or added by
 * PutRule on another node) stays pending for a node that knows it, until MAX_PENDING_TICK_AGE_MS,
 * when it is dropped and reported, as AWS drops an event past its maximum age.
 */
import type { PendingTick } from '../../engine/types';
import { MAX_PENDING_TICK_AGE_MS, OUTBOX_BATCH, OUTBOX_SWEEP_MS, TICK_LEASE_MS } from './constants';
import { deliverTick, inFlightKey, serially, type FiringContext } from './firing';
import type { ScheduleRuntime } from './runtime';

/** One sweep; returns how many ticks this node redelivered. */
export async function redeliverAbandoned(runtimes: readonly ScheduleRuntime[], ctx: FiringContext): Promise<number> {
  let redelivered = 0;
  for (;;) {
    const now = ctx.clock.now();
    const stale = await ctx.store.takeStaleTicks(now, now + TICK_LEASE_MS, OUTBOX_BATCH);
    for (const pending of stale) {
      if (await redeliver(pending, runtimes, ctx, now)) redelivered++;
    }
    if (stale.length < OUTBOX_BATCH) return redelivered;
  }
}

async function redeliver(pending: PendingTick, runtimes: readonly ScheduleRuntime[], ctx: FiringContext, now: number): Promise<boolean> {
  // This process is delivering it right now (a slow dispatcher outlived the lease): it will finish.
  if (ctx.inFlight.has(inFlightKey(pending.key, pending.tick))) return false;
  const runtime = runtimes.find((r) => r.definition.key === pending.key);
  if (now - pending.tick > MAX_PENDING_TICK_AGE_MS) {
    await ctx.store.markDelivered(pending.key, pending.tick);
    const age = Math.round((now - pending.tick) / 3_600_000);
    console.error(`[schedules] dropped the tick ${new Date(pending.tick).toISOString()} of ${pending.key}: undelivered for ${age} h, past the maximum event age`);
    return false;
  }
  if (!runtime) return false;
  const flight = inFlightKey(pending.key, pending.tick);
  ctx.inFlight.add(flight);
  try {
    await serially(runtime, () => deliverTick(runtime, pending.tick, ctx));
    return true;
  } finally {
    ctx.inFlight.delete(flight);
  }
}

/** Sweeps now, then every OUTBOX_SWEEP_MS on the clock, until `signal` aborts. */
export async function sweepLoop(runtimes: readonly ScheduleRuntime[], ctx: FiringContext, signal: AbortSignal, report: (err: unknown) => void): Promise<void> {
  while (!signal.aborted) {
    try {
      await redeliverAbandoned(runtimes, ctx);
    } catch (err) {
      if (signal.aborted) return;
      report(err);
    }
    await ctx.clock.sleepUntil(ctx.clock.now() + OUTBOX_SWEEP_MS, signal).catch(() => undefined);
  }
}

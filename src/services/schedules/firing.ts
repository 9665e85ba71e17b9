/**
 * Firing a schedule's due ticks: claim each tick in the engine (compare-and-set), and only if this
 * node won, build the payloads and hand them to the dispatcher. The claim also records the tick in
 * the engine's outbox (same statement), and the tick leaves it once every target was handed over;
 * a tick whose node died in between is redelivered by outbox.ts. So each tick fires once, and
 * after a crash at worst twice with identical payloads (same event id), never zero times.
 *
 * Test-only hook: `pauseAfterClaimMs` (wired from the env var STRATUS_TEST_PAUSE_AFTER_TICK_CLAIM_MS
 * by the composition root) waits that long between a won claim and its delivery, printing a line,
 * so a crash test can SIGKILL the process inside the window. Never set it outside tests.
 */
import type { ScheduleStateStore } from '../../engine/types';
import type { Clock } from '../../shared/clock';
import type { TargetDispatcher } from '../targets/types';
import { randomUUID } from 'node:crypto';
import { MAX_CATCH_UP_TICKS, TICK_LEASE_MS } from './constants';
import { dueTicks } from './due-ticks';
import type { LatenessRecorder } from './lateness';
import type { ScheduleRuntime } from './runtime';
import type { ScheduleDefinition } from './definition';

export type CatchUpMode = 'none' | 'last' | 'all';

export interface FiringContext {
  store: ScheduleStateStore;
  clock: Clock;
  dispatcher: TargetDispatcher;
  region: string;
  accountId: string;
  catchUp: CatchUpMode;
  lateness: LatenessRecorder;
  onError(err: unknown, schedule: ScheduleDefinition): void;
  /** Ticks this process is delivering now (`key@tick`): its own sweep leaves them alone. */
  inFlight: Set<string>;
  /** Test-only: see the module header. */
  pauseAfterClaimMs?: number;
}

/** Runs `work` after the schedule's previous firing finished (in-process serialisation). */
export function serially<T>(runtime: ScheduleRuntime, work: () => Promise<T>): Promise<T> {
  const result = runtime.chain.then(work);
  runtime.chain = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}

/**
 * Fires what is due now; returns how many ticks this node fired. Superseded ticks (several due at
 * once after a stall or a clock jump) are skipped unless catch-up is `all`, which keeps the newest
 * MAX_CATCH_UP_TICKS: AWS does not backfill.
 */
export function runDueFor(runtime: ScheduleRuntime, ctx: FiringContext): Promise<number> {
  return serially(runtime, async () => {
    if (runtime.completed) return 0;
    const keep = ctx.catchUp === 'all' ? MAX_CATCH_UP_TICKS : 1;
    const due = dueTicks(runtime.next, runtime.cursor, ctx.clock.now(), keep, runtime.effectiveAt);
    runtime.cursor = due.cursor;
    let fired = 0;
    // A disabled schedule still moves its cursor: enabling it later does not replay its ticks.
    if (runtime.enabled) {
      for (const tick of due.ticks) {
        const key = runtime.definition.key;
        const flight = inFlightKey(key, tick);
        ctx.inFlight.add(flight);
        try {
          if (await ctx.store.claimTick(key, tick, ctx.clock.now() + TICK_LEASE_MS)) {
            await fireTick(runtime, tick, ctx);
            fired++;
          }
        } finally {
          ctx.inFlight.delete(flight);
        }
      }
    }
    if (runtime.next(runtime.cursor) === undefined) await complete(runtime, ctx);
    return fired;
  });
}

export function inFlightKey(key: string, tick: number): string {
  return `${key}@${tick}`;
}

async function fireTick(runtime: ScheduleRuntime, tick: number, ctx: FiringContext): Promise<void> {
  ctx.lateness.record(ctx.clock.now() - runtime.effectiveAt(tick));
  if (ctx.pauseAfterClaimMs) {
    console.log(`[schedules] test pause: ${runtime.definition.name} tick ${new Date(tick).toISOString()} claimed, delivering in ${ctx.pauseAfterClaimMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, ctx.pauseAfterClaimMs));
  }
  await deliverTick(runtime, tick, ctx);
}

/** Hands every target its payload, then takes the tick out of the outbox (also for a redelivery). */
export async function deliverTick(runtime: ScheduleRuntime, tick: number, ctx: FiringContext): Promise<void> {
  await deliver(runtime, tick, ctx);
  await ctx.store.markDelivered(runtime.definition.key, tick);
}

/** `stratus schedules run NAME`: fire now, outside the tick grid, without touching the claim cell. */
export function fireNow(runtime: ScheduleRuntime, ctx: FiringContext): Promise<void> {
  return serially(runtime, () => deliver(runtime, Math.floor(ctx.clock.now() / 1000) * 1000, ctx, randomUUID()));
}

async function deliver(runtime: ScheduleRuntime, tick: number, ctx: FiringContext, runId?: string): Promise<void> {
  const { definition } = runtime;
  const payloads = runtime.payloads({ tick, region: ctx.region, accountId: ctx.accountId, runId });
  const origin = { sourceArn: definition.arn, kind: definition.kind === 'rule' ? ('rule' as const) : ('schedule' as const) };
  for (const [index, target] of definition.targets.entries()) {
    try {
      await ctx.dispatcher.deliver(target.delivery, payloads[index], origin);
    } catch (err) {
      // One target's failure must not starve the others, nor stop the schedule's loop.
      ctx.onError(err, definition);
    }
  }
}

async function complete(runtime: ScheduleRuntime, ctx: FiringContext): Promise<void> {
  runtime.completed = true;
  await ctx.store.markCompleted(runtime.definition.key, ctx.clock.now());
}

/**
 * Firing a schedule's due ticks: claim each tick in the engine (compare-and-set), and only if this
 * node won, build the payload and hand it to the dispatcher. A tick therefore fires at most once
 * across nodes and restarts; see the README note in index.ts for the crash window.
 */
import type { ScheduleStateStore } from '../../engine/types';
import type { Clock } from '../../shared/clock';
import type { TargetDispatcher } from '../targets/types';
import { MAX_CATCH_UP_TICKS } from './constants';
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
        if (await ctx.store.claimTick(runtime.definition.key, tick)) {
          await fireTick(runtime, tick, ctx);
          fired++;
        }
      }
    }
    if (runtime.next(runtime.cursor) === undefined) await complete(runtime, ctx);
    return fired;
  });
}

async function fireTick(runtime: ScheduleRuntime, tick: number, ctx: FiringContext): Promise<void> {
  ctx.lateness.record(ctx.clock.now() - runtime.effectiveAt(tick));
  await deliver(runtime, tick, ctx);
}

/** `stratus schedules run NAME`: fire now, outside the tick grid, without touching the claim cell. */
export function fireNow(runtime: ScheduleRuntime, ctx: FiringContext): Promise<void> {
  return serially(runtime, () => deliver(runtime, Math.floor(ctx.clock.now() / 1000) * 1000, ctx));
}

async function deliver(runtime: ScheduleRuntime, tick: number, ctx: FiringContext): Promise<void> {
  const { definition } = runtime;
  const payloads = runtime.payloads({ tick, region: ctx.region, accountId: ctx.accountId });
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

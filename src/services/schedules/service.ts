/**
 * The schedules service: one timer loop per schedule sleeping on the injected clock until the next
 * due tick, then firing through the engine's compare-and-set (see firing.ts), plus one sweep loop
 * redelivering ticks a crashed node claimed but did not deliver (outbox.ts). Also the operations
 * behind `stratus schedules` (list, run NAME) and enable/disable.
 */
import type { ScheduleStateStore } from '../../engine/types';
import type { Clock } from '../../shared/clock';
import { UserError } from '../../shared/errors';
import type { TargetDispatcher } from '../targets/types';
import type { ScheduleDefinition, ScheduleSourceKind, ScheduleState } from './definition';
import { fireNow, runDueFor, type CatchUpMode, type FiringContext } from './firing';
import { LatenessRecorder, type LatenessStats } from './lateness';
import { redeliverAbandoned, sweepLoop } from './outbox';
import { createRuntime, type ScheduleRuntime } from './runtime';

export interface ScheduleServiceOptions {
  store: ScheduleStateStore;
  clock: Clock;
  dispatcher: TargetDispatcher;
  region: string;
  accountId: string;
  /** Ticks missed while Stratus was down: `none` (default, as AWS), `last` once, or `all` (newest 100). */
  catchUp?: CatchUpMode;
  /** A delivery the dispatcher refused. Default: written to stderr. */
  onError?: (err: unknown, schedule: ScheduleDefinition) => void;
  /** Test-only crash window between a won claim and its delivery (firing.ts). */
  pauseAfterClaimMs?: number;
}

export interface ScheduleListing {
  name: string;
  arn: string;
  kind: ScheduleSourceKind;
  logicalId: string;
  expression: string;
  timezone: string;
  description: string | undefined;
  state: ScheduleState;
  /** Epoch ms the next tick fires (flexible offset included); undefined when disabled or finished. */
  nextFireAt: number | undefined;
  lastFiredAt: number | undefined;
  completed: boolean;
  targets: string[];
}

export interface ScheduleService {
  /** Registers the schedules in the engine and starts their timer loops. */
  start(definitions: ScheduleDefinition[]): Promise<void>;
  /** Adds or replaces (same key) one schedule while running, e.g. after PutRule with a ScheduleExpression. */
  upsert(definition: ScheduleDefinition): Promise<void>;
  /** Stops one schedule's loop (DeleteRule); its engine state stays, so re-adding it does not re-fire a tick. */
  remove(key: string): Promise<void>;
  stop(): Promise<void>;
  /** Fires every due tick now (what the loops do when they wake); returns ticks fired by this node. */
  runDue(): Promise<number>;
  tick(): Promise<number>;
  /** Redelivers ticks abandoned past their lease (what the sweep does at start and every 10 s); returns how many. */
  redeliverAbandoned(): Promise<number>;
  /** Fires one schedule's targets now, outside its grid (`stratus schedules run NAME`). */
  runNow(name: string): Promise<void>;
  list(): Promise<ScheduleListing[]>;
  enable(name: string): void;
  disable(name: string): void;
  lateness(): LatenessStats;
}

export function createScheduleService(options: ScheduleServiceOptions): ScheduleService {
  const lateness = new LatenessRecorder();
  const ctx: FiringContext = {
    store: options.store,
    clock: options.clock,
    dispatcher: options.dispatcher,
    region: options.region,
    accountId: options.accountId,
    catchUp: options.catchUp ?? 'none',
    lateness,
    onError: options.onError ?? ((err, s) => console.error(`[schedules] ${s.name}: delivery failed:`, err)),
    inFlight: new Set(),
    pauseAfterClaimMs: options.pauseAfterClaimMs,
  };
  const runtimes: ScheduleRuntime[] = [];
  const abort = new AbortController();
  const loops = new Map<ScheduleRuntime, { stop: AbortController; done: Promise<void> }>();
  let sweeping: Promise<void> | undefined;

  const find = (name: string) => findRuntime(runtimes, name);
  const runDue = async () => (await Promise.all(runtimes.map((r) => runDueFor(r, ctx)))).reduce((a, b) => a + b, 0);
  const add = async (definition: ScheduleDefinition) => {
    const runtime = await register(definition, ctx);
    const stop = new AbortController();
    runtimes.push(runtime);
    loops.set(runtime, { stop, done: loop(runtime, ctx, AbortSignal.any([abort.signal, stop.signal])) });
  };
  const remove = async (key: string) => {
    const runtime = runtimes.find((r) => r.definition.key === key);
    if (!runtime) return;
    runtimes.splice(runtimes.indexOf(runtime), 1);
    const entry = loops.get(runtime)!;
    loops.delete(runtime);
    entry.stop.abort(new Error('schedule removed'));
    await entry.done;
    await runtime.chain;
  };

  return {
    async start(definitions) {
      for (const definition of definitions) await add(definition);
      // After every schedule is known, so the first sweep can redeliver any of them.
      sweeping ??= sweepLoop(runtimes, ctx, abort.signal, (err) => console.error('[schedules] redelivering abandoned ticks failed:', err));
    },
    async upsert(definition) {
      await remove(definition.key);
      await add(definition);
    },
    remove,
    async stop() {
      abort.abort(new Error('schedule service stopped'));
      await Promise.all([...loops.values()].map((l) => l.done));
      await sweeping;
      await Promise.all(runtimes.map((r) => r.chain));
    },
    redeliverAbandoned: () => redeliverAbandoned(runtimes, ctx),
    runDue,
    tick: runDue,
    runNow: async (name) => fireNow(find(name), ctx),
    list: () => Promise.all(runtimes.filter(listed).map((r) => describe(r, ctx))),
    enable: (name) => void (find(name).enabled = true),
    disable: (name) => void (find(name).enabled = false),
    lateness: () => lateness.stats(),
  };
}

/**
 * The engine keeps createdAt (rate grids) and lastFired across restarts. Catch-up `none` starts
 * the cursor at now, so ticks missed while down are skipped; `last`/`all` start it at the last
 * fired tick (or creation), so the first runDue fires the newest missed one or up to 100.
 */
async function register(definition: ScheduleDefinition, ctx: FiringContext): Promise<ScheduleRuntime> {
  const now = ctx.clock.now();
  const record = await ctx.store.register(definition.key, now);
  const cursor = ctx.catchUp === 'none' ? now : (record.lastFired ?? record.createdAt - 1);
  return createRuntime(definition, record, cursor);
}

/** After an unexpected failure (e.g. the engine briefly unavailable) the loop waits this long and goes on. */
const LOOP_ERROR_BACKOFF_MS = 1_000;

async function loop(runtime: ScheduleRuntime, ctx: FiringContext, signal: AbortSignal): Promise<void> {
  // Catch-up (and anything already due) first, then sleep tick to tick. A failure is reported and
  // the loop carries on: one bad moment must not stop a schedule for good.
  let first = true;
  while (!runtime.completed && !signal.aborted) {
    try {
      if (!first) {
        const tick = runtime.next(runtime.cursor);
        if (tick === undefined) break;
        await ctx.clock.sleepUntil(runtime.effectiveAt(tick), signal);
      }
      first = false;
      await runDueFor(runtime, ctx);
    } catch (err) {
      if (signal.aborted) return;
      ctx.onError(err, runtime.definition);
      await ctx.clock.sleepUntil(ctx.clock.now() + LOOP_ERROR_BACKOFF_MS, signal).catch(() => undefined);
    }
  }
}

function listed(runtime: ScheduleRuntime): boolean {
  return !(runtime.completed && runtime.definition.deleteAfterCompletion);
}

async function describe(runtime: ScheduleRuntime, ctx: FiringContext): Promise<ScheduleListing> {
  const { definition: d } = runtime;
  const tick = runtime.enabled && !runtime.completed ? runtime.next(runtime.cursor) : undefined;
  return {
    name: d.name,
    arn: d.arn,
    kind: d.kind,
    logicalId: d.logicalId,
    expression: d.expression,
    timezone: d.timezone,
    description: d.description,
    state: runtime.enabled ? 'ENABLED' : 'DISABLED',
    nextFireAt: tick === undefined ? undefined : runtime.effectiveAt(tick),
    lastFiredAt: await ctx.store.lastFired(d.key),
    completed: runtime.completed,
    targets: d.targets.map((t) => t.delivery.arn),
  };
}

/** By name, ARN, or `group/name` for Scheduler schedules; a name shared by a rule and a schedule needs the ARN. */
function findRuntime(runtimes: ScheduleRuntime[], name: string): ScheduleRuntime {
  const matches = runtimes.filter(({ definition: d }) => d.name === name || d.arn === name || `${d.groupName}/${d.name}` === name);
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) throw new UserError('ResourceNotFoundException', `No schedule or rule named "${name}".`);
  throw new UserError('ValidationException', `"${name}" names ${matches.length} schedules; use the ARN: ${matches.map((m) => m.definition.arn).join(', ')}`);
}

/**
 * Schedules: EventBridge rules with a ScheduleExpression, EventBridge Scheduler schedules and SAM
 * Schedule / ScheduleV2 function events, fired on the injected clock, each tick exactly once
 * across restarts and nodes (compare-and-set on the engine's schedule state). The claim records
 * the tick in the engine's outbox, delivery clears it, and a tick left pending by a crash is
 * redelivered by a live node after its 30 s lease with the same payload and event id (outbox.ts):
 * at least once, deduplicable by id.
 *
 * Not done yet / differs from AWS on purpose:
 * - Ticks missed while Stratus was down are not backfilled (as AWS); `catchUp: 'last' | 'all'`
 *   opts in. While running, several ticks due at once (a stalled process, a clock jump) fire only
 *   the newest, unless catch-up is `all`.
 * - A crash after some of a tick's targets were handed over redelivers the tick to all of them
 *   (progress is kept per tick, not per target); the repeat carries the same event id.
 * - enable/disable act on this process only, until the next start (the template's State wins).
 * - Scheduler's attempt-number is always 1 in the payload; retries belong to the dispatcher.
 * - SAM's DeadLetterConfig `Type: SQS` points at the queue SAM would create; Stratus does not create it.
 */
export { createScheduleService } from './service';
export type { ScheduleListing, ScheduleService, ScheduleServiceOptions } from './service';
export type { CatchUpMode } from './firing';
export type { LatenessStats } from './lateness';
export type { ScheduleDefinition, ScheduleSourceKind, ScheduleState, ScheduleTarget } from './definition';
export { schedulesFromModel, ruleArn, scheduleArn, type ScheduleModel } from './sources/index';
export { scheduledEvent, isoSeconds } from './payload';
export { flexibleOffsetMs } from './flexible-window';

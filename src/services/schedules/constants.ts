/** AWS limits and defaults the schedules service enforces, each with the document that pins it. */

/** PutTargets: "You can add up to five targets per rule" (EventBridge quotas). */
export const MAX_TARGETS_PER_RULE = 5;

/** Target Id: 1-64 characters of [.\-_A-Za-z0-9] (EventBridge API Target.Id). */
export const TARGET_ID_PATTERN = /^[.\-_A-Za-z0-9]{1,64}$/;

/** RetryPolicy ranges, the same for rule targets (EventBridge API RetryPolicy) and Scheduler targets. */
export const RETRY_ATTEMPTS_RANGE = [0, 185] as const;
export const EVENT_AGE_SECONDS_RANGE = [60, 86_400] as const;

/** FlexibleTimeWindow.MaximumWindowInMinutes: 1-1440 (Scheduler API FlexibleTimeWindow). */
export const FLEXIBLE_WINDOW_MINUTES_RANGE = [1, 1440] as const;

/** Scheduler's default group (Scheduler API CreateSchedule GroupName). */
export const DEFAULT_SCHEDULE_GROUP = 'default';

/** Catch-up after downtime fires at most this many missed ticks per schedule (newest kept). */
export const MAX_CATCH_UP_TICKS = 100;

/** Lateness samples kept for `stats()` (a ring, so memory stays flat). */
export const LATENESS_SAMPLES = 1_000;

export const MINUTE_MS = 60_000;

/**
 * How long a node that claimed a tick is presumed to be delivering it. Past that the tick counts
 * as abandoned (its node died between claim and delivery) and any node redelivers it.
 */
export const TICK_LEASE_MS = 30_000;

/** How often each node looks for abandoned ticks (and once at start). */
export const OUTBOX_SWEEP_MS = 10_000;

/** Abandoned ticks taken per sweep query. */
export const OUTBOX_BATCH = 100;

/**
 * A pending tick older than this is dropped, not redelivered: EventBridge's default (and largest)
 * MaximumEventAgeInSeconds, 24 hours (API RetryPolicy), past which AWS gives up on an event too.
 */
export const MAX_PENDING_TICK_AGE_MS = 86_400_000;

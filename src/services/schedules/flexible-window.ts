/**
 * Scheduler's flexible time window: with Mode FLEXIBLE "EventBridge Scheduler invokes the target
 * within the window" after each scheduled time (Scheduler User Guide, "Configuring a flexible time
 * window"), at a moment AWS does not disclose. We pick a deterministic pseudo-random offset: the
 * first 6 bytes of SHA-256(`<schedule arn>@<tick>`) scaled to [0, window), in whole seconds.
 * Deterministic, so every node and every restart agrees on when a tick is due; spread, so many
 * schedules sharing a cron do not all fire in the same second (the point of the window).
 */
import { createHash } from 'node:crypto';
import { MINUTE_MS } from './constants';

const SECOND_MS = 1_000;
const HASH_BYTES = 6;

export function flexibleOffsetMs(key: string, tick: number, windowMinutes: number | undefined): number {
  if (!windowMinutes) return 0;
  const digest = createHash('sha256').update(`${key}@${tick}`).digest();
  const fraction = digest.readUIntBE(0, HASH_BYTES) / 2 ** (8 * HASH_BYTES);
  const windowSeconds = (windowMinutes * MINUTE_MS) / SECOND_MS;
  return Math.floor(fraction * windowSeconds) * SECOND_MS;
}

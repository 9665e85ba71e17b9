/**
 * at(yyyy-mm-ddThh:mm:ss): Scheduler's one-time schedule, wall-clock time in the schedule's zone
 * (scheduler/latest/UserGuide/schedule-types.html#one-time). Scheduler invokes with 60-second
 * precision, so the fire time is the start of that minute. Where AWS is silent we decided: a time
 * repeated by the fall-back fires at its first occurrence (as crons do); a time inside the
 * spring-forward gap fires when the gap ends rather than never.
 */
import { formatWall } from './calendar';
import { FieldProblem } from './errors';
import type { ScheduleExpression } from './types';
import { floorToMinute, type Zone } from './zone';

const MINUTE_MS = 60_000;
/** Longest gap in the tz database: Samoa skipped 30 December 2011 entirely. */
const LONGEST_GAP_MINUTES = 24 * 60;

export function atExpression(expression: string, body: string, zone: Zone): ScheduleExpression {
  const wall = parseWall(body);
  const fireAt = floorToMinute(firstInstantFrom(zone, wall));
  const describe = `once at ${formatWall(wall)} (${zone.name})`;
  return Object.freeze({
    kind: 'at' as const,
    expression,
    timezone: zone.name,
    next: (after: number) => (fireAt > after ? fireAt : undefined),
    describe: () => describe,
  });
}

function parseWall(body: string): number {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!parts) throw new FieldProblem(`at() needs a date-time as yyyy-mm-ddThh:mm:ss, got "${body}"`);
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(wall);
  const roundTrips =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
    date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  if (!roundTrips) throw new FieldProblem(`at(): "${body}" is not a real date and time`);
  return wall;
}

function firstInstantFrom(zone: Zone, wall: number): number {
  for (let minutes = 0; minutes <= LONGEST_GAP_MINUTES; minutes++) {
    const instant = zone.instantsOf(wall + minutes * MINUTE_MS)[0];
    if (instant !== undefined) return instant;
  }
  throw new FieldProblem(`at(): ${formatWall(wall)} does not exist in ${zone.name}`);
}

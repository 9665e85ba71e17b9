/**
 * The next fire time of a cron, found by walking the calendar field by field (year → month → day
 * → hour → minute) from the wall-clock minute of `after`, so a cron that fires once in four years
 * (`cron(0 0 29 2 ? *)`) costs a few dozen month steps, never a minute-by-minute scan.
 *
 * Daylight saving time, as EventBridge Scheduler documents it (scheduler/latest/UserGuide/
 * schedule-types.html#daylist-savings-time): a wall-clock time skipped by the spring-forward gap
 * does not run that day; a wall-clock time repeated by the fall-back runs once, at its first
 * occurrence, and "does not repeat its invocation". So each matching wall-clock minute maps to its
 * earliest instant, and one whose earliest instant is not after `after` has already had its turn.
 */
import { partsOfWall, type WallParts } from '../calendar';
import { floorToMinute, type Zone } from '../zone';
import type { CronSpec } from './cron-spec';
import { daysSelected } from './month-days';

export function nextCronFire(spec: CronSpec, zone: Zone, after: number): number | undefined {
  const from = partsOfWall(floorToMinute(zone.toWall(after)));
  for (const wall of wallCandidates(spec, from)) {
    const earliest = zone.instantsOf(wall)[0];
    if (earliest !== undefined && earliest > after) return earliest;
  }
  return undefined;
}

/** Matching wall-clock minutes at or after `from`, ascending. */
function* wallCandidates(spec: CronSpec, from: WallParts): Generator<number> {
  for (const year of spec.years) {
    if (year < from.year) continue;
    const sameYear = year === from.year;
    for (const month of spec.months) {
      if (sameYear && month < from.month) continue;
      const sameMonth = sameYear && month === from.month;
      for (const day of daysSelected(spec.dayOfMonth, spec.dayOfWeek, year, month)) {
        if (sameMonth && day < from.day) continue;
        const sameDay = sameMonth && day === from.day;
        for (const hour of spec.hours) {
          if (sameDay && hour < from.hour) continue;
          const sameHour = sameDay && hour === from.hour;
          for (const minute of spec.minutes) {
            if (sameHour && minute < from.minute) continue;
            yield Date.UTC(year, month - 1, day, hour, minute);
          }
        }
      }
    }
  }
}

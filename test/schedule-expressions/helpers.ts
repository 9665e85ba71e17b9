import { parseScheduleExpression, type ScheduleExpressionOptions } from '../../src/services/schedules/expressions/index';

/** Epoch ms of a UTC wall time; month is 1-12. */
export function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

export function iso(instant: number | undefined): string | undefined {
  return instant === undefined ? undefined : new Date(instant).toISOString().replace('.000Z', 'Z');
}

/** The next `count` fire times after `after`, as ISO strings. */
export function fires(expression: string, after: number, count: number, options?: ScheduleExpressionOptions): (string | undefined)[] {
  const schedule = parseScheduleExpression(expression, options);
  const out: (string | undefined)[] = [];
  let cursor: number | undefined = after;
  for (let i = 0; i < count && cursor !== undefined; i++) {
    cursor = schedule.next(cursor);
    out.push(iso(cursor));
  }
  return out;
}

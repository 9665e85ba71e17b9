/**
 * rate(value unit), as "Rate expressions reference" (eventbridge/latest/userguide/
 * eb-rate-expressions.html) and the Scheduler API's ScheduleExpression both define it: a positive
 * whole number and minute|minutes|hour|hours|day|days, singular exactly when the value is 1.
 *
 * Anchoring: a rule's rate "starts when you create the scheduled event rule", so rule fires fall
 * on createdAt + k·period for k ≥ 1. A Scheduler rate without StartDate "starts invoking the
 * target immediately" (schedule-types.html#rate-based), so its grid includes createdAt (k ≥ 0).
 * A day is always 24 hours, even across DST ("days represents a 24-hour duration on the clock").
 */
import { FieldProblem } from './errors';
import type { ScheduleDialect, ScheduleExpression } from './types';
import { ceilToMinute, type Zone } from './zone';

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

export function rateExpression(
  expression: string,
  body: string,
  zone: Zone,
  dialect: ScheduleDialect,
  createdAt: number | undefined,
): ScheduleExpression {
  const { value, unit } = parseRate(body);
  const period = value * UNIT_MS[unit];
  // Up to the next whole minute, so the first fire is never before the schedule existed.
  const anchor = ceilToMinute(createdAt ?? 0);
  const first = anchor + (dialect === 'rule' ? period : 0);
  const describe = `every ${value === 1 ? unit : `${value} ${unit}s`}`;
  return Object.freeze({
    kind: 'rate' as const,
    expression,
    timezone: zone.name,
    next(after: number) {
      if (after < first) return first;
      return anchor + (Math.floor((after - anchor) / period) + 1) * period;
    },
    describe: () => describe,
  });
}

function parseRate(body: string): { value: number; unit: Unit } {
  const parts = /^(\S+) (\S+)$/.exec(body);
  if (!parts) throw new FieldProblem('rate needs a value and a unit separated by one space, as in rate(5 minutes)');
  const [, valueText, unitText] = parts;
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1) {
    throw new FieldProblem(`rate value "${valueText}" must be a positive whole number`);
  }
  const value = Number(valueText);
  const plural = unitText.endsWith('s');
  const unit = (plural ? unitText.slice(0, -1) : unitText) as Unit;
  if (!Object.hasOwn(UNIT_MS, unit)) {
    throw new FieldProblem(`rate unit "${unitText}" must be one of minute | minutes | hour | hours | day | days`);
  }
  if (value === 1 && plural) throw new FieldProblem(`a rate of 1 takes the singular unit: rate(1 ${unit})`);
  if (value > 1 && !plural) throw new FieldProblem(`a rate above 1 takes the plural unit: rate(${value} ${unit}s)`);
  return { value, unit };
}

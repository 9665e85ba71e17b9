/** Splits `cron(...)` into its six fields and parses each into a CronSpec. */
import { FieldProblem } from '../errors';
import { parseDayOfMonth, parseDayOfWeek, type DayOfMonthRule, type DayOfWeekRule } from './day-fields';
import { FIELD_COUNT, HOURS, MINUTES, MONTH, YEAR } from './fields';
import { parseList } from './parse-list';

export interface CronSpec {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly dayOfMonth: DayOfMonthRule;
  readonly months: readonly number[];
  readonly dayOfWeek: DayOfWeekRule;
  readonly years: readonly number[];
}

export function parseCronFields(body: string): CronSpec {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== FIELD_COUNT) {
    throw new FieldProblem(
      `cron needs ${FIELD_COUNT} fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
    );
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  for (const [text, name] of [[minutes, 'minutes'], [hours, 'hours'], [month, 'month'], [year, 'year']]) {
    if (text.includes('?')) throw new FieldProblem(`${name}: ? is allowed only in day-of-month or day-of-week`);
    if (name !== 'month' && /[LW#]/i.test(text)) {
      throw new FieldProblem(`${name}: L, W and # are allowed only in the day fields`);
    }
  }
  const spec: CronSpec = {
    minutes: parseList(minutes, MINUTES),
    hours: parseList(hours, HOURS),
    dayOfMonth: parseDayOfMonth(dayOfMonth),
    months: parseList(month, MONTH),
    dayOfWeek: parseDayOfWeek(dayOfWeek),
    years: parseList(year, YEAR),
  };
  requireExactlyOneQuestionMark(spec);
  return spec;
}

/**
 * "You can't specify the Day-of-month and Day-of-week fields in the same cron expression. If you
 * specify a value or a * (asterisk) in one of the fields, you must use a ? (question mark) in the
 * other." (eb-cron-expressions.html, Limitations). Both `?` is refused too, as Quartz does.
 */
function requireExactlyOneQuestionMark(spec: CronSpec): void {
  const domOpen = spec.dayOfMonth.kind === 'unspecified';
  const dowOpen = spec.dayOfWeek.kind === 'unspecified';
  if (!domOpen && !dowOpen) {
    throw new FieldProblem('day-of-month and day-of-week are both specified; use ? in one of them');
  }
  if (domOpen && dowOpen) {
    throw new FieldProblem('day-of-month and day-of-week are both ?; use ? in exactly one of them');
  }
}

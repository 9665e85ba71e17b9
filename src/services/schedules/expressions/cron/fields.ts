/**
 * The six EventBridge cron fields, their ranges and the wildcards each accepts, as the AWS docs
 * tabulate them ("Cron expressions reference", eventbridge/latest/userguide/eb-cron-expressions.html;
 * the same table in scheduler/latest/UserGuide/schedule-types.html#cron-based).
 */

export interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Upper-case names accepted in place of numbers, index 0 = `min`. */
  readonly names?: readonly string[];
  /** Whether `a-b` with a > b wraps past `max` (AWS's own example `cron(0/30 20-2 ? * MON-FRI *)`). */
  readonly wraps: boolean;
  /** Whether `/` increments are allowed: the docs list no `/` for day-of-week. */
  readonly steps: boolean;
}

export const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
/** Day-of-week is 1-7 with 1 = SUNDAY (Quartz numbering), unlike Unix cron's 0 = Sunday. */
export const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

export const EARLIEST_YEAR = 1970;
export const LATEST_YEAR = 2199;
/** `n#k`: a month has at most five of any weekday. */
export const MAX_NTH_WEEKDAY = 5;

export const MINUTES: FieldSpec = { name: 'minutes', min: 0, max: 59, wraps: true, steps: true };
export const HOURS: FieldSpec = { name: 'hours', min: 0, max: 23, wraps: true, steps: true };
export const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31, wraps: true, steps: true };
export const MONTH: FieldSpec = { name: 'month', min: 1, max: 12, names: MONTH_NAMES, wraps: true, steps: true };
export const DAY_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 1, max: 7, names: DAY_NAMES, wraps: true, steps: false };
export const YEAR: FieldSpec = { name: 'year', min: EARLIEST_YEAR, max: LATEST_YEAR, wraps: false, steps: true };

export const FIELD_COUNT = 6;

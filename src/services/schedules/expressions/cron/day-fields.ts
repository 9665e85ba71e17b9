/**
 * Day-of-month and day-of-week, which carry the special forms: `?`, `L`, `W` and `#`
 * (eb-cron-expressions.html "Wildcards" and its note on `#`). Forms the docs do not list
 * (Quartz's `L-3` offset, `/` in day-of-week) are refused, as are the combinations Quartz —
 * whose syntax EventBridge's follows — cannot express: `W`, `L` or `#` inside a list or range.
 */
import { FieldProblem } from '../errors';
import { DAY_OF_MONTH, DAY_OF_WEEK, MAX_NTH_WEEKDAY } from './fields';
import { parseList, parseValue } from './parse-list';

export type DayOfMonthRule =
  | { kind: 'unspecified' }
  | { kind: 'days'; days: ReadonlySet<number> }
  | { kind: 'last-day' }
  | { kind: 'last-weekday' }
  | { kind: 'nearest-weekday'; day: number };

export type DayOfWeekRule =
  | { kind: 'unspecified' }
  | { kind: 'weekdays'; weekdays: ReadonlySet<number> }
  | { kind: 'last-of-month'; weekday: number }
  | { kind: 'nth-of-month'; weekday: number; nth: number };

export function parseDayOfMonth(text: string): DayOfMonthRule {
  const upper = text.toUpperCase();
  if (upper === '?') return { kind: 'unspecified' };
  if (upper === 'L') return { kind: 'last-day' };
  if (upper === 'LW') return { kind: 'last-weekday' };
  if (upper.endsWith('W')) return { kind: 'nearest-weekday', day: nearestWeekdayBase(text) };
  if (/[LW?]/.test(upper)) {
    throw new FieldProblem(`day-of-month: "${text}": L, W and ? must stand alone (L, LW, 15W or ?), not in a list or range`);
  }
  return { kind: 'days', days: new Set(parseList(text, DAY_OF_MONTH)) };
}

function nearestWeekdayBase(text: string): number {
  const base = text.slice(0, -1);
  if (!/^\d+$/.test(base)) throw new FieldProblem(`day-of-month: "${text}": W follows a single day, as in 15W`);
  return parseValue(base, DAY_OF_MONTH);
}

export function parseDayOfWeek(text: string): DayOfWeekRule {
  const upper = text.toUpperCase();
  if (upper === '?') return { kind: 'unspecified' };
  // A bare L in day-of-week is "the last day of the week": Saturday, every week.
  if (upper === 'L') return { kind: 'weekdays', weekdays: new Set([DAY_OF_WEEK.max]) };
  if (upper.includes('#')) return parseNth(text);
  if (upper.endsWith('L')) return { kind: 'last-of-month', weekday: singleWeekday(text.slice(0, -1), text) };
  if (/[L?]/.test(upper)) {
    throw new FieldProblem(`day-of-week: "${text}": L and ? must stand alone (L, 6L or ?), not in a list or range`);
  }
  return { kind: 'weekdays', weekdays: new Set(parseList(text, DAY_OF_WEEK)) };
}

function parseNth(text: string): DayOfWeekRule {
  // The docs: with '#' the field holds one expression only; "3#1,6#3" is not valid.
  if (text.includes(',')) throw new FieldProblem(`day-of-week: "${text}": with # the field may hold only one expression`);
  const [weekdayText, nthText] = text.split('#');
  const nth = /^\d+$/.test(nthText ?? '') ? Number(nthText) : NaN;
  if (!(nth >= 1 && nth <= MAX_NTH_WEEKDAY)) {
    throw new FieldProblem(`day-of-week: "${text}": the number after # must be 1 to ${MAX_NTH_WEEKDAY}`);
  }
  return { kind: 'nth-of-month', weekday: singleWeekday(weekdayText, text), nth };
}

function singleWeekday(valueText: string, whole: string): number {
  if (valueText === '' || /[-,/*]/.test(valueText)) {
    throw new FieldProblem(`day-of-week: "${whole}": L and # follow a single weekday, as in 6L or 3#2`);
  }
  return parseValue(valueText, DAY_OF_WEEK);
}

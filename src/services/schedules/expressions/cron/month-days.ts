/** Which days of one month a cron's day rules select, in ascending order. */
import { daysInMonth, isWeekend, weekdayOf } from '../calendar';
import type { DayOfMonthRule, DayOfWeekRule } from './day-fields';

const DAYS_IN_WEEK = 7;

export function daysSelected(dayOfMonth: DayOfMonthRule, dayOfWeek: DayOfWeekRule, year: number, month: number): number[] {
  // Parsing guarantees exactly one of the two rules is `unspecified` (the `?`).
  return dayOfMonth.kind === 'unspecified'
    ? byDayOfWeek(dayOfWeek, year, month)
    : byDayOfMonth(dayOfMonth, year, month);
}

function byDayOfMonth(rule: DayOfMonthRule, year: number, month: number): number[] {
  const lastDay = daysInMonth(year, month);
  switch (rule.kind) {
    case 'unspecified':
      return [];
    case 'days':
      return [...rule.days].filter((day) => day <= lastDay);
    case 'last-day':
      return [lastDay];
    case 'last-weekday':
      return [nearestWeekday(lastDay, year, month)];
    case 'nearest-weekday':
      // Quartz: a W day beyond the month's end selects nothing that month.
      return rule.day <= lastDay ? [nearestWeekday(rule.day, year, month)] : [];
  }
}

/**
 * The weekday (Monday-Friday) nearest `day`, never leaving the month: a Saturday moves back to
 * Friday unless that is in the previous month (1st → Monday 3rd); a Sunday moves on to Monday
 * unless that is in the next month (last day → Friday before).
 */
export function nearestWeekday(day: number, year: number, month: number): number {
  const weekday = weekdayOf(year, month, day);
  if (!isWeekend(weekday)) return day;
  const lastDay = daysInMonth(year, month);
  if (weekday === 7) return day === 1 ? 3 : day - 1;
  return day === lastDay ? day - 2 : day + 1;
}

function byDayOfWeek(rule: DayOfWeekRule, year: number, month: number): number[] {
  const lastDay = daysInMonth(year, month);
  const firstWeekday = weekdayOf(year, month, 1);
  const firstDayOn = (weekday: number) => 1 + ((weekday - firstWeekday + DAYS_IN_WEEK) % DAYS_IN_WEEK);
  switch (rule.kind) {
    case 'unspecified':
      return [];
    case 'weekdays': {
      const days: number[] = [];
      for (let day = 1; day <= lastDay; day++) {
        if (rule.weekdays.has(weekdayOf(year, month, day))) days.push(day);
      }
      return days;
    }
    case 'last-of-month': {
      const first = firstDayOn(rule.weekday);
      return [first + Math.floor((lastDay - first) / DAYS_IN_WEEK) * DAYS_IN_WEEK];
    }
    case 'nth-of-month': {
      const day = firstDayOn(rule.weekday) + (rule.nth - 1) * DAYS_IN_WEEK;
      return day <= lastDay ? [day] : [];
    }
  }
}

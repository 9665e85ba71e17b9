/** A short English reading of the common cron shapes, for CLI listings; the raw fields otherwise. */
import type { CronSpec } from './cron-spec';
import { DAY_NAMES, EARLIEST_YEAR, LATEST_YEAR, MONTH_NAMES } from './fields';

const ALL_MINUTES = 60;
const ALL_HOURS = 24;
const ALL_MONTHS = 12;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

export function describeCron(spec: CronSpec): string {
  return [describeTime(spec), describeDays(spec)].filter(Boolean).join(', ');
}

function describeTime(spec: CronSpec): string {
  const { minutes, hours } = spec;
  const step = evenStep(minutes, ALL_MINUTES);
  if (hours.length === ALL_HOURS && step) return step === 1 ? 'every minute' : `every ${step} minutes`;
  if (minutes.length === 1 && hours.length <= 3) return `at ${hours.map((h) => clock(h, minutes[0])).join(', ')}`;
  const minutePart = step ? (step === 1 ? 'every minute' : `every ${step} minutes`) : `at minutes ${minutes.join(',')}`;
  return `${minutePart} during hours ${hours.join(',')}`;
}

function describeDays(spec: CronSpec): string {
  const dom = spec.dayOfMonth;
  const dow = spec.dayOfWeek;
  let days = '';
  if (dom.kind === 'last-day') days = 'on the last day of the month';
  else if (dom.kind === 'last-weekday') days = 'on the last weekday of the month';
  else if (dom.kind === 'nearest-weekday') days = `on the weekday nearest day ${dom.day}`;
  else if (dom.kind === 'days') days = dom.days.size === 31 ? 'every day' : `on day ${[...dom.days].join(',')}`;
  else if (dow.kind === 'weekdays') days = dow.weekdays.size === 7 ? 'every day' : `on ${[...dow.weekdays].map(dayName).join(',')}`;
  else if (dow.kind === 'last-of-month') days = `on the last ${dayName(dow.weekday)} of the month`;
  else if (dow.kind === 'nth-of-month') days = `on the ${ORDINALS[dow.nth - 1]} ${dayName(dow.weekday)} of the month`;
  const months = spec.months.length === ALL_MONTHS ? '' : ` in ${spec.months.map((m) => MONTH_NAMES[m - 1]).join(',')}`;
  return `${days}${months}${describeYears(spec.years)}`;
}

function describeYears(years: readonly number[]): string {
  if (years.length === LATEST_YEAR - EARLIEST_YEAR + 1) return '';
  if (years.length === 1) return ` in ${years[0]}`;
  const contiguous = years.at(-1)! - years[0] === years.length - 1;
  return contiguous ? ` in ${years[0]}-${years.at(-1)}` : ` in years ${years.join(',')}`;
}

function evenStep(values: readonly number[], span: number): number | undefined {
  if (values[0] !== 0 || values.length < 2) return values.length === span ? 1 : undefined;
  const step = values[1] - values[0];
  const even = values.every((v, i) => v === i * step) && values.at(-1)! + step >= span;
  return even ? step : undefined;
}

function clock(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function dayName(weekday: number): string {
  return DAY_NAMES[weekday - 1];
}

// L, W, #, names, years and wrap-around ranges, as the Wildcards list of "Cron expressions
// reference" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html)
// defines them. Calendar facts used: 1 Sep 2026 is a Tuesday; 2028 is a leap year.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScheduleExpression } from '../../src/services/schedules/expressions/index';
import { fires, utc } from './helpers';

const START = utc(2026, 9, 1);

test('L in day-of-month is the last day of each month', () => {
  assert.deepEqual(fires('cron(45 23 L * ? *)', utc(2026, 1, 1), 3), [
    '2026-01-31T23:45:00Z',
    '2026-02-28T23:45:00Z',
    '2026-03-31T23:45:00Z',
  ]);
});

test('W is the weekday nearest the given day, never leaving the month', () => {
  assert.deepEqual(fires('cron(30 9 15W * ? *)', START, 1), ['2026-09-15T09:30:00Z']); // Tuesday as is
  assert.deepEqual(fires('cron(0 9 12W * ? *)', START, 1), ['2026-09-11T09:00:00Z']); // Saturday → Friday
  assert.deepEqual(fires('cron(0 9 13W * ? *)', START, 1), ['2026-09-14T09:00:00Z']); // Sunday → Monday
  // 1 Aug 2026 is a Saturday: Friday would be July, so Monday the 3rd.
  assert.deepEqual(fires('cron(0 9 1W * ? *)', utc(2026, 7, 15), 1), ['2026-08-03T09:00:00Z']);
  // 31 May 2026 is a Sunday: Monday would be June, so Friday the 29th.
  assert.deepEqual(fires('cron(0 9 31W * ? *)', utc(2026, 5, 1), 1), ['2026-05-29T09:00:00Z']);
});

test('LW is the last weekday of the month', () => {
  // 31 Oct 2026 is a Saturday → Friday 30th; 30 Sep 2026 is a Wednesday.
  assert.deepEqual(fires('cron(0 7 LW * ? *)', START, 2), ['2026-09-30T07:00:00Z', '2026-10-30T07:00:00Z']);
});

test('nL in day-of-week is the last such weekday; a bare L is Saturday', () => {
  assert.deepEqual(fires('cron(0 6 ? * 6L *)', START, 2), ['2026-09-25T06:00:00Z', '2026-10-30T06:00:00Z']);
  assert.deepEqual(fires('cron(0 6 ? * FRIL *)', START, 1), ['2026-09-25T06:00:00Z']);
  assert.deepEqual(fires('cron(0 12 ? * L *)', START, 2), ['2026-09-05T12:00:00Z', '2026-09-12T12:00:00Z']);
});

test('# picks the nth weekday; 3#2 is the second Tuesday (1 = SUNDAY)', () => {
  assert.deepEqual(fires('cron(0 9 ? * 3#2 *)', START, 2), ['2026-09-08T09:00:00Z', '2026-10-13T09:00:00Z']);
  assert.deepEqual(fires('cron(0 9 ? * TUE#2 *)', START, 1), ['2026-09-08T09:00:00Z']);
});

test('a fifth weekday only in months that have one, found quickly', () => {
  const started = performance.now();
  assert.deepEqual(fires('cron(0 0 ? * 6#5 *)', START, 3), [
    '2026-10-30T00:00:00Z',
    '2027-01-29T00:00:00Z',
    '2027-04-30T00:00:00Z',
  ]);
  assert.ok(performance.now() - started < 200);
});

test('29 February fires only in leap years, found quickly', () => {
  const started = performance.now();
  assert.deepEqual(fires('cron(0 0 29 2 ? *)', START, 2), ['2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z']);
  assert.deepEqual(fires('cron(0 12 29 FEB ? *)', START, 1), ['2028-02-29T12:00:00Z']);
  assert.ok(performance.now() - started < 200);
});

test('a day that never exists yields no fire time rather than a long search', () => {
  const started = performance.now();
  assert.equal(parseScheduleExpression('cron(0 0 31 2 ? *)').next(START), undefined);
  assert.equal(parseScheduleExpression('cron(0 0 30 FEB ? *)', { timezone: 'Asia/Seoul' }).next(START), undefined);
  assert.ok(performance.now() - started < 500);
});

test('the year field bounds the schedule (1970-2199)', () => {
  assert.deepEqual(fires('cron(0 0 1 JAN ? 2027)', START, 2), ['2027-01-01T00:00:00Z', undefined]);
  assert.deepEqual(fires('cron(5 4 ? * * 2026-2027)', utc(2027, 12, 31, 4, 5), 1), [undefined]);
  assert.deepEqual(fires('cron(0 0 1 1 ? 2030/5)', START, 3), [
    '2030-01-01T00:00:00Z',
    '2035-01-01T00:00:00Z',
    '2040-01-01T00:00:00Z',
  ]);
  assert.equal(parseScheduleExpression('cron(59 23 31 12 ? *)').next(utc(2199, 12, 31, 23, 59)), undefined);
});

test('month and day names, lists, steps and wrap-around ranges', () => {
  assert.deepEqual(fires('cron(0 12 1 JAN,APR,JUL,OCT ? *)', START, 2), ['2026-10-01T12:00:00Z', '2027-01-01T12:00:00Z']);
  assert.deepEqual(fires('cron(0 1 ? * FRI-MON *)', START, 4), [
    '2026-09-04T01:00:00Z',
    '2026-09-05T01:00:00Z',
    '2026-09-06T01:00:00Z',
    '2026-09-07T01:00:00Z',
  ]);
  assert.deepEqual(fires('cron(1/10 0 * * ? *)', START, 3), [
    '2026-09-01T00:01:00Z',
    '2026-09-01T00:11:00Z',
    '2026-09-01T00:21:00Z',
  ]);
  assert.deepEqual(fires('cron(0 0 1 NOV-FEB ? *)', START, 2), ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z']);
});

test('describe() reads the common shapes', () => {
  const describe = (expression: string) => parseScheduleExpression(expression).describe();
  assert.equal(describe('cron(0 10 * * ? *)'), 'at 10:00, every day (UTC)');
  assert.equal(describe('cron(0/15 * * * ? *)'), 'every 15 minutes, every day (UTC)');
  assert.equal(describe('cron(0 9 ? * 2#1 *)'), 'at 09:00, on the first MON of the month (UTC)');
  assert.equal(describe('cron(15 10 ? * 6L 2022-2023)'), 'at 10:15, on the last FRI of the month in 2022-2023 (UTC)');
  assert.equal(describe('cron(0 0 29 2 ? *)'), 'at 00:00, on day 29 in FEB (UTC)');
});

// The examples table of "Cron expressions reference"
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html), each
// expression's documented meaning checked through its next fire times.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScheduleExpression } from '../../src/services/schedules/expressions/index';
import { fires, utc } from './helpers';

// Tuesday 8 September 2026, 09:37:12 UTC.
const TUESDAY_MORNING = utc(2026, 9, 8, 9, 37, 12);

test('cron(0 10 * * ? *) — 10:00 am (UTC+0) every day', () => {
  assert.deepEqual(fires('cron(0 10 * * ? *)', TUESDAY_MORNING, 2), ['2026-09-08T10:00:00Z', '2026-09-09T10:00:00Z']);
});

test('cron(15 12 * * ? *) — 12:15 pm (UTC+0) every day', () => {
  assert.deepEqual(fires('cron(15 12 * * ? *)', TUESDAY_MORNING, 2), ['2026-09-08T12:15:00Z', '2026-09-09T12:15:00Z']);
});

test('cron(0 18 ? * MON-FRI *) — 6:00 pm Monday through Friday', () => {
  const fridayEvening = utc(2026, 9, 11, 18, 0);
  assert.deepEqual(fires('cron(0 18 ? * MON-FRI *)', fridayEvening, 2), ['2026-09-14T18:00:00Z', '2026-09-15T18:00:00Z']);
});

test('cron(0 8 1 * ? *) — 8:00 am on the first day of every month', () => {
  assert.deepEqual(fires('cron(0 8 1 * ? *)', TUESDAY_MORNING, 2), ['2026-10-01T08:00:00Z', '2026-11-01T08:00:00Z']);
});

test('cron(0/15 * * * ? *) — every 15 minutes', () => {
  assert.deepEqual(fires('cron(0/15 * * * ? *)', TUESDAY_MORNING, 3), [
    '2026-09-08T09:45:00Z',
    '2026-09-08T10:00:00Z',
    '2026-09-08T10:15:00Z',
  ]);
});

test('cron(0/10 * ? * MON-FRI *) — every 10 minutes Monday through Friday', () => {
  const fridayLate = utc(2026, 9, 11, 23, 45);
  assert.deepEqual(fires('cron(0/10 * ? * MON-FRI *)', fridayLate, 2), ['2026-09-11T23:50:00Z', '2026-09-14T00:00:00Z']);
});

test('cron(0/5 8-17 ? * MON-FRI *) — every 5 minutes between 8:00 am and 5:55 pm on weekdays', () => {
  const schedule = parseScheduleExpression('cron(0/5 8-17 ? * MON-FRI *)');
  assert.equal(schedule.next(utc(2026, 9, 8, 17, 50)), utc(2026, 9, 8, 17, 55));
  assert.equal(schedule.next(utc(2026, 9, 8, 17, 55)), utc(2026, 9, 9, 8, 0));
  assert.equal(schedule.next(utc(2026, 9, 11, 17, 55)), utc(2026, 9, 14, 8, 0)); // Friday → Monday
});

test('cron(0/30 20-2 ? * MON-FRI *) — the documented wrap-around hour range', () => {
  // The table: "every 30 minutes Monday through Friday between 10:00 pm on the starting day to
  // 2:00 am on the following day", and "from 12:00 am to 2:00 am on Monday morning". The day
  // fields apply to each calendar day, so Saturday 00:00-02:30 does not run, Monday's does.
  const fridayNight = utc(2026, 9, 11, 23, 30);
  assert.deepEqual(fires('cron(0/30 20-2 ? * MON-FRI *)', fridayNight, 2), ['2026-09-14T00:00:00Z', '2026-09-14T00:30:00Z']);
  const mondayEarly = utc(2026, 9, 14, 2, 30);
  assert.deepEqual(fires('cron(0/30 20-2 ? * MON-FRI *)', mondayEarly, 1), ['2026-09-14T20:00:00Z']);
});

test('cron(0 9 ? * 2#1 *) — 9:00 am on the first Monday of each month', () => {
  assert.deepEqual(fires('cron(0 9 ? * 2#1 *)', TUESDAY_MORNING, 3), [
    '2026-10-05T09:00:00Z',
    '2026-11-02T09:00:00Z',
    '2026-12-07T09:00:00Z',
  ]);
});

test('Scheduler example cron(15 10 ? * 6L 2022-2023) — 10:15 on the last Friday, 2022 to 2023 only', () => {
  // scheduler/latest/UserGuide/schedule-types.html#cron-based
  assert.deepEqual(fires('cron(15 10 ? * 6L 2022-2023)', utc(2023, 11, 1), 3), [
    '2023-11-24T10:15:00Z',
    '2023-12-29T10:15:00Z',
    undefined,
  ]);
});

test('fire times are whole minutes strictly after the given instant', () => {
  const schedule = parseScheduleExpression('cron(* * * * ? *)');
  assert.equal(schedule.next(utc(2026, 1, 1, 0, 0)), utc(2026, 1, 1, 0, 1));
  assert.equal(schedule.next(utc(2026, 1, 1, 0, 0, 59) + 999), utc(2026, 1, 1, 0, 1));
  assert.equal(schedule.kind, 'cron');
  assert.equal(schedule.timezone, 'UTC');
});

// ScheduleExpressionTimezone and daylight saving time, as "Schedule types on EventBridge
// Scheduler" documents them (https://docs.aws.amazon.com/scheduler/latest/UserGuide/
// schedule-types.html, sections "Time zones" and "Daylight savings time"): a cron time skipped by
// the spring-forward gap does not run that day; a time repeated by the fall-back runs only once.
// 2026 US transitions: 8 March 02:00 EST → 03:00 EDT; 1 November 02:00 EDT → 01:00 EST.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScheduleExpression } from '../../src/services/schedules/expressions/index';
import { fires, utc } from './helpers';

const NEW_YORK = { timezone: 'America/New_York' };

test('Asia/Seoul: 09:00 KST is 00:00 UTC', () => {
  const schedule = parseScheduleExpression('cron(0 9 * * ? *)', { timezone: 'Asia/Seoul' });
  assert.equal(schedule.timezone, 'Asia/Seoul');
  assert.equal(schedule.next(utc(2026, 9, 8, 3, 0)), utc(2026, 9, 9, 0, 0));
  assert.equal(schedule.next(utc(2026, 9, 8, 23, 59)), utc(2026, 9, 9, 0, 0));
});

test('Asia/Seoul: day fields are read on the Seoul calendar', () => {
  // 09:00 Monday in Seoul is 00:00 Monday UTC; 08:00 Monday in Seoul is 23:00 Sunday UTC.
  assert.deepEqual(fires('cron(0 8 ? * MON *)', utc(2026, 9, 1), 1, { timezone: 'Asia/Seoul' }), ['2026-09-06T23:00:00Z']);
  assert.deepEqual(fires('cron(0 0 1 * ? *)', utc(2026, 9, 1), 1, { timezone: 'Asia/Seoul' }), ['2026-09-30T15:00:00Z']);
});

test('America/New_York: 8:30 every day follows the clock change (the docs example cron(30 8 * * ? *))', () => {
  assert.deepEqual(fires('cron(30 8 * * ? *)', utc(2026, 3, 7), 2, NEW_YORK), ['2026-03-07T13:30:00Z', '2026-03-08T12:30:00Z']);
  assert.deepEqual(fires('cron(30 8 * * ? *)', utc(2026, 10, 31), 2, NEW_YORK), ['2026-10-31T12:30:00Z', '2026-11-01T13:30:00Z']);
});

test('spring forward: a time inside the skipped hour does not run that day, then resumes', () => {
  assert.deepEqual(fires('cron(30 2 * * ? *)', utc(2026, 3, 6, 12), 3, NEW_YORK), [
    '2026-03-07T07:30:00Z', // 02:30 EST
    '2026-03-09T06:30:00Z', // 8 March skipped; 02:30 EDT on the 9th
    '2026-03-10T06:30:00Z',
  ]);
  // An every-15-minutes schedule simply has nothing between 01:45 EST and 03:00 EDT.
  assert.deepEqual(fires('cron(0/15 * * * ? *)', utc(2026, 3, 8, 6, 30), 3, NEW_YORK), [
    '2026-03-08T06:45:00Z', // 01:45 EST
    '2026-03-08T07:00:00Z', // 03:00 EDT
    '2026-03-08T07:15:00Z',
  ]);
});

test('fall back: a time inside the repeated hour runs once, at its first occurrence', () => {
  assert.deepEqual(fires('cron(30 1 * * ? *)', utc(2026, 10, 31, 12), 3, NEW_YORK), [
    '2026-11-01T05:30:00Z', // 01:30 EDT, before the shift
    '2026-11-02T06:30:00Z', // not again at 01:30 EST (06:30Z on the 1st)
    '2026-11-03T06:30:00Z',
  ]);
  // Every 15 minutes: the repeated 01:00-01:45 wall times have had their turn.
  assert.deepEqual(fires('cron(0/15 * * * ? *)', utc(2026, 11, 1, 5, 30), 3, NEW_YORK), [
    '2026-11-01T05:45:00Z', // 01:45 EDT
    '2026-11-01T07:00:00Z', // 02:00 EST; 01:00-01:45 EST do not repeat
    '2026-11-01T07:15:00Z',
  ]);
  // Asked from inside the second pass, the next fire is still after the repeated hour.
  const secondPass = utc(2026, 11, 1, 6, 10); // 01:10 EST
  assert.deepEqual(fires('cron(0/15 * * * ? *)', secondPass, 1, NEW_YORK), ['2026-11-01T07:00:00Z']);
});

test('the docs example: cron(30 2 * * ? *) in America/Los_Angeles skips the spring-forward day', () => {
  // 2026-03-08 in Los Angeles: 02:00 PST → 03:00 PDT.
  assert.deepEqual(fires('cron(30 2 * * ? *)', utc(2026, 3, 7, 12), 2, { timezone: 'America/Los_Angeles' }), [
    '2026-03-09T09:30:00Z',
    '2026-03-10T09:30:00Z',
  ]);
});

test('at() is wall-clock time in the zone (the docs example 2022-11-20T13:00:00 America/Los_Angeles)', () => {
  const once = parseScheduleExpression('at(2022-11-20T13:00:00)', { timezone: 'America/Los_Angeles' });
  assert.equal(once.kind, 'at');
  assert.equal(once.next(utc(2022, 11, 1)), utc(2022, 11, 20, 21, 0)); // 13:00 PST = 21:00 UTC
  assert.equal(once.next(utc(2022, 11, 20, 21, 0)), undefined); // past: nothing left
  assert.equal(once.describe(), 'once at 2022-11-20T13:00:00 (America/Los_Angeles)');
  assert.equal(parseScheduleExpression('at(2026-05-01T10:15:42)').next(0), utc(2026, 5, 1, 10, 15)); // UTC, minute precision
});

test('at() in a DST gap fires when the gap ends; in a repeated hour at the first occurrence', () => {
  assert.equal(parseScheduleExpression('at(2026-03-08T02:30:00)', NEW_YORK).next(0), utc(2026, 3, 8, 7, 0));
  assert.equal(parseScheduleExpression('at(2026-11-01T01:30:00)', NEW_YORK).next(0), utc(2026, 11, 1, 5, 30));
});

test('zones without DST are never adjusted; UTC is the default', () => {
  assert.deepEqual(fires('cron(0 12 * * ? *)', utc(2026, 3, 28), 2, { timezone: 'Asia/Kolkata' }), [
    '2026-03-28T06:30:00Z',
    '2026-03-29T06:30:00Z',
  ]);
  assert.equal(parseScheduleExpression('cron(0 12 * * ? *)').timezone, 'UTC');
});

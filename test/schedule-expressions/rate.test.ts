// rate() anchoring. Rules: "A rate expression starts when you create the scheduled event rule"
// (eventbridge/latest/userguide/eb-rate-expressions.html). Scheduler: without a StartDate the
// schedule "starts invoking the target immediately", and days are 24 hours even across DST
// (scheduler/latest/UserGuide/schedule-types.html, "Rate-based schedules", "Daylight savings time").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScheduleExpression } from '../../src/services/schedules/expressions/index';
import { fires, utc } from './helpers';

const CREATED = utc(2026, 9, 8, 9, 37, 12);

test('a rule fires one period after its creation, then every period', () => {
  assert.deepEqual(fires('rate(5 minutes)', CREATED, 3, { dialect: 'rule', createdAt: CREATED }), [
    '2026-09-08T09:43:00Z', // the grid starts at the next whole minute after creation, 09:38
    '2026-09-08T09:48:00Z',
    '2026-09-08T09:53:00Z',
  ]);
  const rule = parseScheduleExpression('rate(1 hour)', { dialect: 'rule', createdAt: CREATED });
  assert.equal(rule.next(utc(2026, 9, 8, 15, 0)), utc(2026, 9, 8, 15, 38));
});

test('a Scheduler rate starts at its start date (or creation) itself', () => {
  assert.deepEqual(fires('rate(2 hours)', CREATED - 1, 2, { createdAt: CREATED }), ['2026-09-08T09:38:00Z', '2026-09-08T11:38:00Z']);
});

test('without createdAt, rates line up on the epoch grid', () => {
  assert.deepEqual(fires('rate(15 minutes)', CREATED, 2), ['2026-09-08T09:45:00Z', '2026-09-08T10:00:00Z']);
});

test('rate(1 day) is 24 hours, whatever the zone clock does', () => {
  const beforeShift = utc(2026, 3, 7, 14, 0); // 09:00 EST
  const schedule = parseScheduleExpression('rate(1 day)', { timezone: 'America/New_York', createdAt: beforeShift });
  assert.equal(schedule.next(beforeShift), utc(2026, 3, 8, 14, 0)); // 10:00 EDT: 24 h later, not 09:00
});

test('describe() and kind', () => {
  assert.equal(parseScheduleExpression('rate(1 minute)').describe(), 'every minute');
  assert.equal(parseScheduleExpression('rate(5 minutes)').describe(), 'every 5 minutes');
  assert.equal(parseScheduleExpression('rate(7 days)').describe(), 'every 7 days');
  assert.equal(parseScheduleExpression('rate(7 days)').kind, 'rate');
});

// What EventBridge refuses with "Parameter ScheduleExpression is not valid.": rate rules from
// "Rate expressions reference" (eventbridge/latest/userguide/eb-rate-expressions.html, Limitations)
// and cron rules from "Cron expressions reference" (eb-cron-expressions.html, Wildcards and
// Limitations).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUserError } from '../../src/shared/errors';
import { parseScheduleExpression, ScheduleExpressionError } from '../../src/services/schedules/expressions/index';

function refusal(expression: string, options?: Parameters<typeof parseScheduleExpression>[1]): string {
  try {
    parseScheduleExpression(expression, options);
  } catch (err) {
    assert.ok(err instanceof ScheduleExpressionError, `expected ScheduleExpressionError, got ${err}`);
    assert.ok(isUserError(err));
    assert.equal(err.code, 'ValidationException');
    assert.ok(err.message.startsWith(`Parameter ScheduleExpression is not valid: ${expression}: `), err.message);
    return err.reason;
  }
  assert.fail(`${expression} was accepted`);
}

test('rate: the unit is singular exactly when the value is 1 (rate(1 hours), rate(5 hour) are invalid)', () => {
  assert.match(refusal('rate(1 minutes)'), /singular.*rate\(1 minute\)/);
  assert.match(refusal('rate(1 hours)'), /singular/);
  assert.match(refusal('rate(5 minute)'), /plural.*rate\(5 minutes\)/);
  assert.match(refusal('rate(5 hour)'), /plural/);
  for (const ok of ['rate(1 minute)', 'rate(5 minutes)', 'rate(1 hour)', 'rate(12 hours)', 'rate(1 day)', 'rate(7 days)']) {
    assert.equal(parseScheduleExpression(ok).kind, 'rate');
  }
});

test('rate: the value is a positive whole number and the unit one of the six', () => {
  assert.match(refusal('rate(0 minutes)'), /positive whole number/);
  assert.match(refusal('rate(-5 minutes)'), /positive whole number/);
  assert.match(refusal('rate(1.5 hours)'), /positive whole number/);
  assert.match(refusal('rate(30 seconds)'), /minute \| minutes \| hour \| hours \| day \| days/);
  assert.match(refusal('rate(5 constructors)'), /must be one of/);
  assert.match(refusal('rate(5minutes)'), /value and a unit/);
});

test('cron: six fields, no more, no fewer', () => {
  assert.match(refusal('cron(0 10 * * ?)'), /6 fields .* got 5/);
  assert.match(refusal('cron(0 0 10 * * ? *)'), /got 7/);
  assert.match(refusal('cron()'), /got 1/);
});

test('cron: exactly one of day-of-month and day-of-week is ?', () => {
  assert.match(refusal('cron(0 10 * * * *)'), /both specified; use \? in one/);
  assert.match(refusal('cron(0 10 1 * MON *)'), /both specified/);
  assert.match(refusal('cron(0 10 ? * ? *)'), /both \?/);
  assert.match(refusal('cron(? 10 * * ? *)'), /minutes: \? is allowed only in day-of-month or day-of-week/);
});

test('cron: values outside each field range name the field', () => {
  assert.match(refusal('cron(60 10 * * ? *)'), /^minutes: 60 is outside 0-59$/);
  assert.match(refusal('cron(0 24 * * ? *)'), /^hours: 24 is outside 0-23$/);
  assert.match(refusal('cron(0 10 32 * ? *)'), /^day-of-month: 32 is outside 1-31$/);
  assert.match(refusal('cron(0 10 0 * ? *)'), /^day-of-month: 0 is outside/);
  assert.match(refusal('cron(0 10 * 13 ? *)'), /^month: 13 is outside 1-12 or JAN-DEC$/);
  assert.match(refusal('cron(0 10 ? * 0 *)'), /^day-of-week: 0 is outside 1-7 or SUN-SAT$/);
  assert.match(refusal('cron(0 10 ? * 8 *)'), /^day-of-week: 8 is outside/);
  assert.match(refusal('cron(0 10 * * ? 1969)'), /^year: 1969 is outside 1970-2199$/);
  assert.match(refusal('cron(0 10 * * ? 2200)'), /^year: 2200 is outside/);
  assert.match(refusal('cron(0 10 * FOO ? *)'), /^month: "FOO" is not/);
});

test('cron: wildcards only where the table allows them', () => {
  assert.match(refusal('cron(0 8 ? * 3#1,6#3 *)'), /only one expression/); // the docs' own counter-example
  assert.match(refusal('cron(0 8 ? * 3#6 *)'), /1 to 5/);
  assert.match(refusal('cron(0 8 ? * */2 *)'), /day-of-week: "\/" is not allowed/);
  assert.match(refusal('cron(0 0 L-2 * ? *)'), /day-of-month/);
  assert.match(refusal('cron(0 0 1-5W * ? *)'), /W follows a single day/);
  assert.match(refusal('cron(0 0 1,L * ? *)'), /must stand alone/);
  assert.match(refusal('cron(0 0 ? * 2-4L *)'), /single weekday/);
  assert.match(refusal('cron(0L 0 * * ? *)'), /minutes: L, W and # are allowed only in the day fields/);
  assert.match(refusal('cron(0/0 * * * ? *)'), /increment/);
  assert.match(refusal('cron(0 0 * * ? 2030-2025)'), /year: range "2030-2025" ends before it starts/);
});

test('at() and time zones belong to Scheduler; rules are UTC rate() and cron() only', () => {
  assert.match(refusal('at(2026-01-01T00:00:00)', { dialect: 'rule' }), /at\(\) is an EventBridge Scheduler expression/);
  assert.match(refusal('cron(0 10 * * ? *)', { dialect: 'rule', timezone: 'Asia/Seoul' }), /rules are evaluated in UTC/);
  assert.match(refusal('cron(0 10 * * ? *)', { timezone: 'Mars/Olympus_Mons' }), /not a known IANA time zone/);
  assert.match(refusal('at(2026-02-30T00:00:00)'), /not a real date/);
  assert.match(refusal('at(2026-01-01 00:00:00)'), /yyyy-mm-ddThh:mm:ss/);
  assert.match(refusal('every(5 minutes)'), /expected rate\(value unit\), cron\(fields\) or at/);
  assert.match(refusal('cron(0 10 * * ? *) '), /expected/);
});

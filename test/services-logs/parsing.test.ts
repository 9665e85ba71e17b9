/** --since and --filter as `aws logs tail` / CloudWatch read them, and the CLI line format. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSince } from '../../src/services/logs/since';
import { matchesFilter, parseFilterPattern } from '../../src/services/logs/filter-pattern';
import { awsCliTimestamp, formatLogEvent } from '../../src/services/logs/format';
import { UserError } from '../../src/shared/errors';

const NOW = Date.UTC(2024, 0, 31, 12, 0, 0);

test('since: relative durations count back from now', () => {
  assert.equal(parseSince('30s', NOW), NOW - 30_000);
  assert.equal(parseSince('10m', NOW), NOW - 600_000);
  assert.equal(parseSince('1h', NOW), NOW - 3_600_000);
  assert.equal(parseSince('2d', NOW), NOW - 2 * 86_400_000);
  assert.equal(parseSince('1w', NOW), NOW - 7 * 86_400_000);
});

test('since: ISO timestamps are absolute', () => {
  assert.equal(parseSince('2024-01-31T09:00:00Z', NOW), Date.UTC(2024, 0, 31, 9));
  assert.equal(parseSince('2024-01-31T09:00:00.250+02:00', NOW), Date.UTC(2024, 0, 31, 7, 0, 0, 250));
  assert.equal(parseSince('2024-01-30', NOW), Date.UTC(2024, 0, 30));
});

test('since: anything else is a user error', () => {
  for (const bad of ['', '10', 'ten minutes', '5y', '-1h', '2024-13-45T00:00:00Z', 'yesterday']) {
    assert.throws(() => parseSince(bad, NOW), UserError, bad);
  }
});

test('filter: every term must appear, case-sensitive', () => {
  const f = parseFilterPattern('ERROR timeout');
  assert.equal(matchesFilter('ERROR: db timeout after 3s', f), true);
  assert.equal(matchesFilter('ERROR: disk full', f), false);
  assert.equal(matchesFilter('error: db timeout', f), false);
});

test('filter: quoted phrases are one term', () => {
  const f = parseFilterPattern('"Task timed out" REPORT');
  assert.deepEqual(f.required, ['Task timed out', 'REPORT']);
  assert.equal(matchesFilter('REPORT … Task timed out after 3.00 seconds', f), true);
  assert.equal(matchesFilter('REPORT Task was timed out', f), false);
  assert.deepEqual(parseFilterPattern('"say \\"hi\\""').required, ['say "hi"']);
});

test('filter: ?optional and -excluded terms', () => {
  const any = parseFilterPattern('?ERROR ?WARN');
  assert.equal(matchesFilter('WARN low disk', any), true);
  assert.equal(matchesFilter('INFO fine', any), false);
  const not = parseFilterPattern('ERROR -healthcheck');
  assert.equal(matchesFilter('ERROR in order', not), true);
  assert.equal(matchesFilter('ERROR in healthcheck', not), false);
  assert.equal(matchesFilter('anything', parseFilterPattern('')), true);
});

test('filter: JSON, space-delimited and regex patterns are refused clearly', () => {
  for (const p of ['{ $.level = "error" }', '[ip, user]', '%ERR.*%']) assert.throws(() => parseFilterPattern(p), UserError);
});

test('format: aws logs tail layout, with optional prefix and colour', () => {
  const ev = { group: '/aws/lambda/f', stream: '2024/01/31/[$LATEST]abc', timestamp: Date.UTC(2024, 0, 31, 9, 0, 0, 123), message: 'hello\n' };
  assert.equal(awsCliTimestamp(ev.timestamp), '2024-01-31T09:00:00.123000+00:00');
  assert.equal(formatLogEvent(ev), '2024-01-31T09:00:00.123000+00:00 2024/01/31/[$LATEST]abc hello');
  assert.equal(formatLogEvent(ev, { prefix: '[f]' }), '[f] 2024-01-31T09:00:00.123000+00:00 2024/01/31/[$LATEST]abc hello');
  assert.equal(
    formatLogEvent(ev, { color: true }),
    '\u001b[32m2024-01-31T09:00:00.123000+00:00\u001b[0m \u001b[36m2024/01/31/[$LATEST]abc\u001b[0m hello',
  );
});

/**
 * The example's pure modules, called directly: schedule Input validation, the tenant report
 * parser, the idempotency key, stack-trace trimming and the card size bound.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from '../support/stratus-process';

// The handlers are plain JavaScript (deployed as is); loaded by URL, untyped.
const load = (file: string): Promise<any> => import(pathToFileURL(join(REPO, 'examples/scheduled-proxy/src/lib', file)).href);

test('the schedule Input: the seed\'s five fields, method case-insensitive, async jobs need the Scheduler context', async () => {
  const { readJobSpec, JobSpecError } = await load('job-spec.mjs');
  const spec = readJobSpec({ service: 'cms', url: '/x', method: 'post', headers: { 'X-N': 1 }, body: { a: 1 } });
  assert.deepEqual(spec, { service: 'cms', url: '/x', method: 'POST', headers: { 'X-N': '1' }, body: { a: 1 }, async: false });
  for (const [input, message] of [
    [[], /JSON object/],
    [{ url: '/x' }, /"service" is required/],
    [{ service: 'cms', url: 'x' }, /starting with "\/"/],
    [{ service: 'cms', url: '/x', method: 'TRACE' }, /"method" must be one of/],
    [{ service: 'cms', url: '/x', async: true, scheduleArn: 'arn:aws:scheduler:us-east-1:1:schedule/default/s' }, /"scheduledTime" is required/],
  ] as const) {
    assert.throws(() => readJobSpec(input), (e: Error) => e instanceof JobSpecError && message.test(e.message));
  }
});

test('the tenant report: missing lists default to empty, failCount to the failed tenants; anything else is malformed', async () => {
  const { parseTenantReport, MalformedReportError } = await load('tenant-report.mjs');
  assert.deepEqual(parseTenantReport('{"contents":{"failTenants":["b"],"successTenants":["a"]}}'), { successTenants: ['a'], failTenants: ['b'], failCount: 1, failDetails: [] });
  for (const body of ['<html>', '{}', '{"contents":[]}', '{"contents":{"failTenants":"b"}}', '{"contents":{"failCount":-1}}', '{"contents":{"failDetails":[{"stackTrace":"x"}]}}']) {
    assert.throws(() => parseTenantReport(body), MalformedReportError, body);
  }
});

test('the idempotency key: schedule name + scheduled time, usable as a log stream name and a deduplication id', async () => {
  const { jobKey } = await load('job-key.mjs');
  const key = jobKey({ scheduleArn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/payroll-settlement-pr', scheduledTime: '2026-03-01T15:10:00Z' });
  assert.equal(key, 'payroll-settlement-pr@20260301T151000Z');
  assert.doesNotMatch(key, /[:*]/);
});

test('stack traces keep their head and count what was dropped, also when trimmed twice', async () => {
  const { trimStackTrace } = await load('trim.mjs');
  const trace = ['Error: boom', ...Array.from({ length: 20 }, (_, i) => `    at f${i} (a.js:${i})`)].join('\r\n');
  const once = trimStackTrace(trace, { maxLines: 10, maxChars: 10_000 });
  assert.equal(once.split('\n').length, 11);
  assert.match(once, /^Error: boom\n/);
  assert.match(once, /\n… 11 more lines$/);
  assert.match(trimStackTrace(once, { maxLines: 3, maxChars: 10_000 }), /\n {4}at f1 \(a\.js:1\)\n… 18 more lines$/);
  assert.equal(trimStackTrace('short', { maxLines: 3, maxChars: 100 }), 'short');
  assert.equal(trimStackTrace('x'.repeat(50), { maxLines: 3, maxChars: 10 }), `${'x'.repeat(10)}…`);
});

test('a workflow card with many long traces stays under the size bound', async () => {
  const { workflowMessage, MAX_CARD_BYTES } = await load('cards/workflow-card.mjs');
  const failDetails = Array.from({ length: 50 }, (_, i) => ({ tenant: `t${i}`, stackTrace: 'y'.repeat(5_000) }));
  const report = { stage: 'pr', job: { label: 'cms POST /x' }, outcome: 'tenants-failed', startedAt: '', durationMs: 1, failCount: 80, successTenants: [], failTenants: [], failDetails, omittedFailDetails: 30 };
  const size = JSON.stringify(workflowMessage(report)).length;
  assert.ok(size < MAX_CARD_BYTES + 600, `${size} bytes`);
  const body = workflowMessage(report).attachments[0].content.body;
  assert.match(body.at(-1).text, /^… and \d+ more failed tenants/);
});

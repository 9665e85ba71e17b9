/**
 * examples/scheduled-proxy, long jobs (the seed's proposed fix): the schedule's job goes through
 * the FIFO queue to the worker, which starts it on the service by idempotency key (schedule name +
 * scheduled time), polls with short requests, and is acknowledged only once the job is done and
 * reported. A job longer than the load balancer's idle timeout completes; a redelivered or
 * duplicated message never runs the job twice.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { startHarness, eventually, SLOTS, IDLE_TIMEOUT_MS, type Harness } from './support/harness';
import { ok } from './support/fake-service';
import { adaptiveBody, factsOf, summaryCards, workflowPosts } from './support/cards';

const PAYROLL = SLOTS.payroll;
const JOB_MS = 3 * IDLE_TIMEOUT_MS;
const WAIT_MS = 15_000;
let h: Harness;

before(async () => {
  h = await startHarness();
  h.cms.on(SLOTS.leaveStatus.path, { kind: 'report', report: ok(['acme']) });
  h.attendance.on(SLOTS.attendance.path, { kind: 'report', report: ok(['acme']) });
});
after(() => h?.close());

const keyFor = (scheduledAt: Date) => `payroll-settlement-dv@${scheduledAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')}`;
const startsOf = (key: string) => h.payroll.callsTo(PAYROLL.path).filter((r) => r.headers['idempotency-key'] === key);
const runsOf = (key: string) => h.payroll.runs.filter((r) => r.key === key).length;
const workerLines = (pattern: RegExp) => h.stratus.stdout().split('\n').filter((l) => l.startsWith('[JobWorkerFunction]') && pattern.test(l));

async function cardFor(key: string): Promise<any> {
  return eventually(() => summaryCards(h.teams, PAYROLL.label).find((c) => factsOf(c)['Job key'] === key), WAIT_MS, `the summary card of job ${key}`);
}

test('a job three times longer than the idle timeout runs once, in the background, and is reported with its tenants', async () => {
  h.payroll.on(PAYROLL.path, {
    kind: 'report',
    durationMs: JOB_MS,
    report: { successTenants: ['acme', 'globex'], failTenants: ['initech'], failCount: 1, failDetails: [{ tenant: 'initech', stackTrace: 'SettlementException: bank cut-off passed\n\tat settle(Payroll.kt:42)' }] },
  });
  const scheduledAt = await h.fire('payroll');
  const key = keyFor(scheduledAt);
  const card = await cardFor(key);
  const facts = factsOf(card);
  assert.equal(facts['Failed tenants'], '1: initech (1)');
  assert.equal(facts['Succeeded tenants'], 'acme, globex (2)');
  assert.ok(Number.parseFloat(facts.Duration) * 1000 >= JOB_MS - 100, `the report waited for the job (${facts.Duration})`);
  const post = await eventually(() => workflowPosts(h.workflow, PAYROLL.label).find((p) => JSON.stringify(p).includes(key)), WAIT_MS, 'the workflow post');
  const texts = adaptiveBody(post).map((b: any) => b.text);
  assert.equal(texts[texts.indexOf('Tenant: initech') + 1], 'SettlementException: bank cut-off passed\n\tat settle(Payroll.kt:42)');
  assert.equal(runsOf(key), 1);
  const calls = h.payroll.callsTo(PAYROLL.path);
  assert.ok(calls.every((c) => c.headers['idempotency-key'] && /respond-async/.test(String(c.headers.prefer))), 'never called synchronously');
  assert.deepEqual(JSON.parse(startsOf(key)[0].body), { period: 'previous-day' });
  assert.ok(h.payroll.requests.every((r) => r.path !== PAYROLL.path || r.method === 'POST'));
});

test('a delivery that fails mid-job comes back after the visibility timeout and attaches to the same run', async () => {
  h.payroll.on(PAYROLL.path, { kind: 'report', report: ok(['acme', 'globex']), durationMs: JOB_MS });
  h.payroll.failPolls(3); // the worker gives up after three polls in a row fail
  const failures = workerLines(/Invoke Error.*status store unavailable/).length;
  const scheduledAt = await h.fire('payroll');
  const key = keyFor(scheduledAt);
  await eventually(() => workerLines(/Invoke Error.*status store unavailable/).length > failures, WAIT_MS, 'the first delivery to fail');
  assert.equal(summaryCards(h.teams, PAYROLL.label).filter((c) => factsOf(c)['Job key'] === key).length, 0, 'not reported yet');
  assert.equal(runsOf(key), 1);
  await h.advance(961_000); // the queue's 960 s visibility timeout
  await cardFor(key);
  assert.equal(startsOf(key).length, 2, 'the second delivery asked the service again, with the same key');
  assert.equal(runsOf(key), 1, 'and the service did not start the job again');
  assert.equal(workerLines(new RegExp(`job ${key}: .*\\(delivery 2\\)`)).length, 1);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(summaryCards(h.teams, PAYROLL.label).filter((c) => factsOf(c)['Job key'] === key).length, 1, 'reported once');
});

test('the same job delivered again after it finished (past SQS deduplication) is acknowledged without touching the service', async () => {
  h.payroll.on(PAYROLL.path, { kind: 'report', report: ok(['acme']), durationMs: 50 });
  const scheduledAt = await h.fire('payroll');
  const key = keyFor(scheduledAt);
  await cardFor(key);
  const logs = new CloudWatchLogsClient({ endpoint: h.stratus.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const entry = await eventually(async () => {
    const out = await logs.send(new GetLogEventsCommand({ logGroupName: '/scheduled-proxy/dv/job-ledger', logStreamName: key })).catch(() => undefined);
    return out?.events?.[0]?.message;
  }, WAIT_MS, 'the ledger entry');
  logs.destroy();
  assert.deepEqual(Object.keys(JSON.parse(entry)), ['key', 'outcome', 'failCount', 'finishedAt']);
  const sqs = new SQSClient({ endpoint: h.stratus.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const message = { key, label: PAYROLL.label, service: 'payroll', url: PAYROLL.path, method: 'POST', headers: {}, body: { period: 'previous-day' }, scheduledTime: scheduledAt.toISOString() };
  await sqs.send(new SendMessageCommand({ QueueUrl: `${h.stratus.edgeUrl}/000000000000/scheduled-jobs-dv.fifo`, MessageBody: JSON.stringify(message), MessageGroupId: 'payroll', MessageDeduplicationId: `${key}-again` }));
  sqs.destroy();
  await eventually(() => workerLines(new RegExp(`job ${key} already done; acknowledging`)).length === 1, WAIT_MS, 'the worker to skip the duplicate');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(startsOf(key).length, 1, 'the service was not asked again');
  assert.equal(runsOf(key), 1);
  assert.equal(summaryCards(h.teams, PAYROLL.label).filter((c) => factsOf(c)['Job key'] === key).length, 1, 'no second report');
});

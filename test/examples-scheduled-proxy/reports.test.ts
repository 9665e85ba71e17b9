/**
 * examples/scheduled-proxy, short jobs: the schedule fires at its time (the clock is moved, not
 * waited for), the proxy calls the service named in the Input, and the fake Teams endpoints get a
 * summary card every time and a workflow post with tenants and trimmed stack traces when anything
 * failed — tenants, a load-balancer timeout, the proxy's own timeout, a 5xx, a malformed body.
 * A webhook outage ends with the report on the undelivered queue.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startHarness, eventually, SLOTS, SERVICE_CALL_TIMEOUT_MS, type Harness } from './support/harness';
import { ok, type TenantReport } from './support/fake-service';
import { adaptiveBody, attemptsFor, factsOf, summaryCards, workflowPosts } from './support/cards';

const CMS = SLOTS.leaveStatus;
const ATTENDANCE = SLOTS.attendance;
const WAIT_MS = 15_000;
let h: Harness;

before(async () => {
  h = await startHarness();
  // Moving the clock a day ahead passes every schedule; the ones a test does not look at succeed.
  h.payroll.on(SLOTS.payroll.path, { kind: 'report', report: ok(['acme']) });
  h.attendance.on(ATTENDANCE.path, { kind: 'report', report: ok(['acme']) });
});
after(() => h?.close());

const javaTrace = (tenant: string, frames: number) =>
  [`java.lang.IllegalStateException: leave record missing for ${tenant}`, ...Array.from({ length: frames }, (_, i) => `\tat com.example.cms.leave.LeaveStatusService.frame${i}(LeaveStatusService.java:${100 + i})`)].join('\n');

/** Fires a slot and waits for its summary card; returns the cards and workflow posts it caused. */
async function run(slot: (typeof SLOTS)[keyof typeof SLOTS], name: keyof typeof SLOTS, expectWorkflow: boolean) {
  const marks = { teams: h.teams.accepted.length, workflow: h.workflow.accepted.length };
  await h.fire(name);
  const cards = await eventually(() => summaryCards(h.teams, slot.label, marks.teams).length > 0 && summaryCards(h.teams, slot.label, marks.teams), WAIT_MS, `the summary card of ${slot.label}`);
  const posts = expectWorkflow ? await eventually(() => workflowPosts(h.workflow, slot.label, marks.workflow).length > 0 && workflowPosts(h.workflow, slot.label, marks.workflow), WAIT_MS, 'the workflow post') : [];
  await new Promise((r) => setTimeout(r, 300)); // room for a duplicate to show up if there were one
  assert.equal(summaryCards(h.teams, slot.label, marks.teams).length, 1, 'exactly one summary card');
  assert.equal(workflowPosts(h.workflow, slot.label, marks.workflow).length, expectWorkflow ? 1 : 0);
  return { card: cards[0], post: posts[0] };
}

test('a successful run: the service gets the Input\'s call, Teams gets a green summary, the workflow nothing', async () => {
  h.cms.on(CMS.path, { kind: 'report', report: ok(['acme', 'globex', 'initech']) });
  const mark = h.cms.requests.length;
  const { card } = await run(CMS, 'leaveStatus', false);
  const calls = h.cms.requests.slice(mark);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].method, 'POST');
  assert.equal(calls[0].headers['x-requested-by'], 'scheduled-proxy');
  assert.equal(calls[0].headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(calls[0].body), { scope: 'all-tenants' });
  assert.equal(card['@type'], 'MessageCard');
  assert.equal(card.themeColor, '2EB886');
  assert.match(card.summary, /^\[dv\] cms POST \/scheduling-api\/leave-status\/sync: Succeeded$/);
  const facts = factsOf(card);
  assert.equal(facts['Succeeded tenants'], 'acme, globex, initech (3)');
  assert.equal(facts['Failed tenants'], '0');
});

test('failed tenants: the summary names them, the workflow gets each tenant with a trimmed stack trace', async () => {
  const report: TenantReport = {
    successTenants: ['acme'],
    failTenants: ['globex', 'initech'],
    failCount: 2,
    failDetails: [
      { tenant: 'globex', stackTrace: javaTrace('globex', 60) },
      { tenant: 'initech', stackTrace: javaTrace('initech', 3) },
    ],
  };
  h.attendance.on(ATTENDANCE.path, { kind: 'report', report });
  const { card, post } = await run(ATTENDANCE, 'attendance', true);
  assert.equal(factsOf(card)['Failed tenants'], '2: globex, initech (2)');
  assert.equal(card.themeColor, 'F2A900');
  assert.equal(post.type, 'message');
  assert.equal(post.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
  const body = adaptiveBody(post);
  const texts = body.map((b: any) => b.text ?? '');
  const globexAt = texts.indexOf('Tenant: globex');
  assert.ok(globexAt > 0, 'globex has its own block');
  const trace = texts[globexAt + 1] as string;
  assert.match(trace, /^java\.lang\.IllegalStateException: leave record missing for globex\n/);
  assert.equal(trace.split('\n').length, 9, '8 lines kept + the "more lines" note');
  assert.match(trace, /… 53 more lines$/);
  const initechTrace = texts[texts.indexOf('Tenant: initech') + 1] as string;
  assert.equal(initechTrace, javaTrace('initech', 3), 'a short trace is kept whole');
  h.attendance.on(ATTENDANCE.path, { kind: 'report', report: ok(['acme']) });
});

test('a job longer than the load balancer\'s idle timeout: the 504 is reported as a failed call', async () => {
  h.cms.on(CMS.path, { kind: 'report', report: ok(['acme']), durationMs: 1_000 });
  const runs = h.cms.runs.length;
  const { card, post } = await run(CMS, 'leaveStatus', true);
  assert.equal(card.themeColor, 'D93F0B');
  assert.match(factsOf(card).Error, /answered HTTP 504: <html> <head><title>504 Gateway Time-out/);
  assert.match(adaptiveBody(post)[1].facts.find((f: any) => f.title === 'Error').value, /^http-status: /);
  assert.equal(h.cms.runs.length, runs + 1, 'the service did run the job: only the report was lost on the way back');
});

test('a service that never answers: the proxy gives up after its own timeout', async () => {
  h.attendance.on(ATTENDANCE.path, { kind: 'hang' });
  const { card, post } = await run(ATTENDANCE, 'attendance', true);
  assert.equal(factsOf(card).Error, `no answer from POST ${h.attendance.url}${ATTENDANCE.path} within ${SERVICE_CALL_TIMEOUT_MS} ms`);
  assert.match(JSON.stringify(adaptiveBody(post)), /timeout: no answer/);
  h.attendance.on(ATTENDANCE.path, { kind: 'report', report: ok(['acme']) });
});

test('a 5xx answer is a failed call, with the start of the body in the report', async () => {
  h.cms.on(CMS.path, { kind: 'status', status: 500, body: '{"message":"connection pool exhausted"}' });
  const { card } = await run(CMS, 'leaveStatus', true);
  assert.match(factsOf(card).Error, /answered HTTP 500: \{"message":"connection pool exhausted"\}$/);
});

test('a 200 whose body is not the tenant report is a failed call too', async () => {
  h.attendance.on(ATTENDANCE.path, { kind: 'raw', body: '{"result":"done"}', contentType: 'application/json' });
  const { card, post } = await run(ATTENDANCE, 'attendance', true);
  assert.equal(factsOf(card).Error, 'the response has no "contents" object');
  assert.match(adaptiveBody(post)[1].facts.find((f: any) => f.title === 'Error').value, /^malformed-body: /);
  h.attendance.on(ATTENDANCE.path, { kind: 'report', report: ok(['acme']) });
});

test('hundreds of failed tenants: the workflow card stays within what Teams accepts and says how many were left out', async () => {
  const tenants = Array.from({ length: 300 }, (_, i) => `tenant-${String(i).padStart(3, '0')}`);
  h.cms.on(CMS.path, {
    kind: 'report',
    report: { successTenants: [], failTenants: tenants, failCount: tenants.length, failDetails: tenants.map((t) => ({ tenant: t, stackTrace: javaTrace(t, 40) })) },
  });
  const { card, post } = await run(CMS, 'leaveStatus', true);
  assert.match(factsOf(card)['Failed tenants'], /^300: tenant-000, .* and 270 more \(300 in all\)$/);
  const body = adaptiveBody(post);
  const shown = body.filter((b: any) => /^Tenant: /.test(b.text ?? '')).length;
  assert.ok(shown >= 5, `some tenants are shown (${shown})`);
  assert.equal(body.at(-1).text, `… and ${300 - shown} more failed tenants (full report in the function's logs)`);
});

test('a Teams outage: the notifier is retried after 1 and 2 minutes, then the report lands on the undelivered queue', async () => {
  h.cms.on(CMS.path, { kind: 'report', report: ok(['acme', 'globex']) });
  h.teams.failWith(503);
  const attempts = h.teams.attempts.length;
  try {
    await h.fire('leaveStatus');
    for (const [n, wait] of [[1, 61_000], [2, 121_000]] as const) {
      await eventually(() => attemptsFor(h.teams, CMS.label, attempts) >= n, WAIT_MS, `attempt ${n}`);
      await h.advance(wait);
    }
    await eventually(() => attemptsFor(h.teams, CMS.label, attempts) >= 3, WAIT_MS, 'attempt 3');
    const sqs = new SQSClient({ endpoint: h.stratus.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const queueUrl = `${h.stratus.edgeUrl}/000000000000/scheduled-proxy-undelivered-dv`;
    const records: any[] = [];
    const record = await eventually(async () => {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
      records.push(...(out.Messages ?? []).map((m) => JSON.parse(m.Body!)));
      return records.find((r) => r.requestPayload?.report?.job?.label === CMS.label);
    }, WAIT_MS, 'the OnFailure record');
    sqs.destroy();
    assert.equal(record.requestContext.condition, 'RetriesExhausted');
    assert.equal(record.requestContext.approximateInvokeCount, 3);
    assert.match(record.requestContext.functionArn, /:function:NotifierFunction:\$LATEST$/);
    assert.equal(record.requestPayload.channel, 'teams');
    assert.deepEqual(record.requestPayload.report.successTenants, ['acme', 'globex'], 'the whole report is kept');
    assert.match(record.responsePayload.errorMessage, /webhook answered HTTP 503/);
    assert.equal(attemptsFor(h.teams, CMS.label, attempts), 3, 'no attempt after the last retry');
  } finally {
    h.teams.recover();
  }
});

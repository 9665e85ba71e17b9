/**
 * `stratus queues`, `schedules` and `events put` against a running `stratus start`, found
 * through the state folder as a user in the app's directory would.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runStratus, startStratus, removeDir, type StratusProcess } from '../support/stratus-process';

const APP = 'test/fixtures/apps/async';
let app: StratusProcess;
const cli = (...args: string[]) => runStratus([...args, '--state-dir', app.stateDir]);

before(async () => {
  app = await startStratus([APP]);
});
after(async () => {
  await app?.stop();
  removeDir(app.stateDir);
});

test('queues lists every template queue with its depth and dead-letter queue', async () => {
  const { code, stdout, stderr } = await cli('queues');
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^QUEUE\tVISIBLE\tIN FLIGHT\tDELAYED\tDEAD-LETTER QUEUE$/m);
  assert.match(stdout, /^work\t0\t0\t0\twork-dlq \(after 2\)$/m);
  assert.match(stdout, /^work-dlq\t0\t0\t0\t-$/m);
  assert.doesNotMatch(stdout, /stratus:/, 'internal queues are not listed');
});

test('events put reaches a rule\'s function; schedules lists and runs a schedule', async () => {
  const put = await cli('events', 'put', '--source', 'shop.orders', '--detail-type', 'OrderShipped', '--detail', '{"order":"cli","total":500}');
  assert.equal(put.code, 0, put.stderr);
  assert.match(put.stdout.trim(), /^[0-9a-f-]{36}$/);
  await app.waitFor(/\[OrdersFunction\] .*"order":"cli"/);

  const list = await cli('schedules');
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /TickFunctionEveryMinute\trate\(1 minute\)\tENABLED\t\d{4}-\d{2}-\d{2}T/);
  const run = await cli('schedules', 'run', 'TickFunctionEveryMinute');
  assert.equal(run.code, 0, run.stderr);
  await app.waitFor(/\[TickFunction\] .*"job":"tick"/);
});

test('queues peek shows messages without receiving them; purge empties the queue', async () => {
  // No SQS API yet on the edge in this test: put messages where no consumer reads (the DLQ).
  const peekEmpty = await cli('queues', 'peek', 'work-dlq');
  assert.deepEqual(JSON.parse(peekEmpty.stdout), []);
  const purge = await cli('queues', 'purge', 'work-dlq');
  assert.equal(purge.code, 0, purge.stderr);
  assert.match(purge.stdout, /purged 0 message\(s\) from work-dlq/);
  const missing = await cli('queues', 'peek', 'nope');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no queue named nope/);
});

test('bad input: invalid detail JSON, missing flags, nothing running', async () => {
  const bad = await cli('events', 'put', '--source', 's', '--detail-type', 't', '--detail', '{oops');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--detail is not valid JSON/);
  const missing = await cli('events', 'put', '--source', 's');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--detail-type/);
  const nobody = await runStratus(['queues', '--edge-url', 'http://127.0.0.1:9']);
  assert.equal(nobody.code, 1);
  assert.match(nobody.stderr, /no Stratus answers at http:\/\/127\.0\.0\.1:9/);
});

test('publish sends to a topic; its subscribers get the message', async () => {
  const out = await cli('publish', 'orders', 'hello from the cli', '--subject', 'cli');
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout.trim(), /^[0-9a-f-]{36}$/);
  await app.waitFor(/\[NotifyFunction\] .*hello from the cli/);
  const peek = await cli('queues', 'peek', 'order-copies');
  assert.match(peek.stdout, /hello from the cli/);
  const missing = await cli('publish', 'no-such-topic', 'x');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /NotFound|does not exist/i);
});

/**
 * Schedule ticks survive a crash between claim and delivery: `stratus start` is held (test-only
 * STRATUS_TEST_PAUSE_AFTER_TICK_CLAIM_MS) right after it won a tick's claim, SIGKILLed there, and
 * restarted on the same state. Once the dead process's lease (30 s) ends on the clock, the
 * restarted one redelivers the tick: it reaches the queue exactly once, with one event id.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SQSClient, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { join } from 'node:path';
import { startStratus, tempDir, removeDir, type StratusProcess } from '../support/stratus-process';

const APP = 'test/fixtures/apps/schedule-crash';
const ARGS = [APP, '--clock', 'adjustable'];
const PAUSE_LINE = /test pause: every-minute tick (\S+) claimed/;

test('a tick claimed but not delivered before SIGKILL is delivered after restart, exactly once', { timeout: 120_000 }, async () => {
  const work = tempDir();
  const stateDir = join(work, 'state');
  let app: StratusProcess | undefined;
  try {
    app = await startStratus(ARGS, { stateDir, env: { STRATUS_TEST_PAUSE_AFTER_TICK_CLAIM_MS: '600000' } });
    // rate(1 minute) ticks on whole minutes: two minutes on, one is due for sure.
    await advance(app, 120_000);
    const claimed = Date.parse((await app.waitFor(PAUSE_LINE))[1]);
    let sqs = client(app);
    assert.equal(await depth(sqs, app), 0, 'claimed, not delivered yet');
    app.child.kill('SIGKILL');
    await new Promise((r) => app!.child.once('exit', r));
    sqs.destroy();

    app = await startStratus(ARGS, { stateDir });
    sqs = client(app);
    // The restarted clock is real time again; the dead claim's lease ends ~150 s after the first start.
    const received: { id: string; time: string }[] = [];
    const ofTick = () => received.filter((e) => Date.parse(e.time) === claimed);
    const deadline = Date.now() + 60_000;
    await advance(app, 200_000);
    while (ofTick().length === 0) {
      assert.ok(Date.now() < deadline, `the claimed tick ${new Date(claimed).toISOString()} never arrived; got ${JSON.stringify(received)}`);
      await new Promise((r) => setTimeout(r, 200));
      received.push(...(await receive(sqs, app)));
    }
    // More sweeps (every 10 s, and past another lease): nothing fires that tick again.
    for (let i = 0; i < 5; i++) {
      await advance(app, 11_000);
      await new Promise((r) => setTimeout(r, 300));
      received.push(...(await receive(sqs, app)));
    }
    assert.equal(ofTick().length, 1, `exactly once: ${JSON.stringify(received)}`);
    assert.equal(new Set(received.map((e) => e.time)).size, received.length, 'no tick twice');
    assert.equal(new Set(received.map((e) => e.id)).size, received.length, 'one event id per tick');
    sqs.destroy();
  } finally {
    await app?.stop();
    removeDir(work);
  }
});

function client(app: StratusProcess): SQSClient {
  return new SQSClient({ endpoint: app.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
}

async function advance(app: StratusProcess, ms: number): Promise<void> {
  const res = await fetch(`${app.edgeUrl}/_stratus/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: ms }) });
  assert.equal(res.status, 200);
  await res.arrayBuffer();
}

const queueUrl = (app: StratusProcess) => `${app.edgeUrl}/000000000000/schedule-ticks`;

async function depth(sqs: SQSClient, app: StratusProcess): Promise<number> {
  const names = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl(app), AttributeNames: [...names] }));
  return names.reduce((sum, n) => sum + Number(Attributes[n]), 0);
}

/** Everything visible now, kept invisible for the rest of the test. */
async function receive(sqs: SQSClient, app: StratusProcess): Promise<{ id: string; time: string }[]> {
  const out: { id: string; time: string }[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl(app), MaxNumberOfMessages: 10, VisibilityTimeout: 3_600, WaitTimeSeconds: 0 }));
    if (Messages.length === 0) return out;
    out.push(...Messages.map((m) => JSON.parse(m.Body!) as { id: string; time: string }));
  }
}

/**
 * Crash safety: 10,000 messages through SQS → function (100 of them failing into the DLQ), the
 * process killed with SIGKILL mid-stream and restarted on the same state. Every message ends up
 * processed or in the DLQ — none lost; duplicates (at-least-once) are counted and reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { SQSClient, SendMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { startStratus, tempDir, removeDir } from '../support/stratus-process';

const TOTAL = 10_000;
const POISON = 100;
const APP = 'test/fixtures/apps/crash';

test('SIGKILL mid-stream loses nothing: every message processed or dead-lettered', { timeout: 240_000 }, async (t) => {
  const work = tempDir();
  const out = join(work, 'processed.txt');
  const envFile = join(work, 'env.json');
  writeFileSync(out, '');
  writeFileSync(envFile, JSON.stringify({ Worker: { OUT_FILE: out, BATCH_DELAY_MS: '25' } }));
  const stateDir = join(work, 'state');
  const args = [APP, '--env-vars', envFile, '--clock', 'adjustable'];
  let app = await startStratus(args, { stateDir });
  const sqs = () => new SQSClient({ endpoint: app.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  try {
    let client = sqs();
    const queueUrl = `${app.edgeUrl}/000000000000/crash-jobs`;
    const bodies = Array.from({ length: TOTAL }, (_, i) => (i % (TOTAL / POISON) === 0 ? `poison-${i}` : `job-${i}`));
    for (let i = 0; i < TOTAL; i += 10) {
      await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: bodies.slice(i, i + 10).map((b, j) => ({ Id: String(j), MessageBody: b })) }));
    }
    const processedLines = () => readFileSync(out, 'utf8').split('\n').filter(Boolean);
    await waitUntil(() => processedLines().length >= 2_000, 60_000, 'processing under way');
    const beforeKill = processedLines().length;
    assert.ok(beforeKill < TOTAL - POISON, `killed mid-stream (${beforeKill} processed so far)`);
    app.child.kill('SIGKILL');
    await new Promise((r) => app.child.once('exit', r));
    client.destroy();

    app = await startStratus(args, { stateDir });
    client = sqs();
    const restartedUrl = `${app.edgeUrl}/000000000000`;
    // Leases of the killed process and the poison retries end on the clock: move it along.
    const deadline = Date.now() + 120_000;
    for (;;) {
      await fetch(`${app.edgeUrl}/_stratus/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 6_000 }) });
      const unique = new Set(processedLines()).size;
      const dlq = await depth(client, `${restartedUrl}/crash-jobs-dlq`);
      if (unique === TOTAL - POISON && dlq === POISON) break;
      assert.ok(Date.now() < deadline, `stuck at ${unique} processed, ${dlq} dead-lettered`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const lines = processedLines();
    const unique = new Set(lines);
    assert.equal(unique.size, TOTAL - POISON, 'every good message processed');
    for (const b of bodies) if (!b.startsWith('poison')) assert.ok(unique.has(b), `${b} lost`);
    const dead = await receiveAll(client, `${restartedUrl}/crash-jobs-dlq`);
    assert.deepEqual(dead.sort(), bodies.filter((b) => b.startsWith('poison')).sort(), 'every failing message in the DLQ');
    assert.equal(await depth(client, `${restartedUrl}/crash-jobs`), 0);
    t.diagnostic(`processed before SIGKILL: ${beforeKill}; duplicates after restart (at-least-once): ${lines.length - unique.size}`);
    client.destroy();
  } finally {
    await app.stop();
    if (existsSync(work)) removeDir(work);
  }
});

async function depth(client: SQSClient, url: string): Promise<number> {
  const { Attributes = {} } = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }));
  return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible) + Number(Attributes.ApproximateNumberOfMessagesDelayed);
}

async function receiveAll(client: SQSClient, url: string): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }));
    if (Messages.length === 0) return seen;
    seen.push(...Messages.map((m) => m.Body!));
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

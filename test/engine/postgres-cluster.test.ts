/**
 * Cluster behaviour on PostgreSQL (issue 4): three `stratus start` processes share one database
 * and run the same app (fixtures/cluster-app: SQS → function with a DLQ, and a rate(1 minute)
 * schedule under adjustable clocks). 20,000 messages go in through one node while all three
 * consume; one node is killed with SIGKILL mid-stream and later a second one. Every good message
 * is processed (at least once; duplicates are counted and reported), every failing one ends in the
 * DLQ — leases held by the dead nodes come back after their visibility timeout and the survivor
 * finishes the work — and every schedule tick fired exactly once across the nodes.
 * STRATUS_CLUSTER_MESSAGES overrides the count (e.g. for a quicker local run).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { startStratus, tempDir, removeDir, type StratusProcess } from '../support/stratus-process';
import { startTestDatabase } from './fixtures/pg-cluster';
import { nodeFiles, queueDepth, receiveAll, waitUntil } from './fixtures/node-stream';

const TOTAL = Number(process.env.STRATUS_CLUSTER_MESSAGES ?? 20_000);
const POISON = Math.max(10, Math.floor(TOTAL / 100));
const APP = 'test/engine/fixtures/cluster-app';

const database = await startTestDatabase('cluster');
const work = tempDir('stratus-cluster-');
const nodes: StratusProcess[] = [];
after(async () => {
  await Promise.all(nodes.map((n) => n.stop('SIGKILL').catch(() => {})));
  removeDir(work);
  await database.stop();
});

test('three nodes on one PostgreSQL: two killed mid-stream, nothing lost, every failing message dead-lettered', { timeout: 300_000 }, async (t) => {
  const { processed, ticks: readTicks, args } = nodeFiles(work, APP, database.url);
  nodes.push(...(await Promise.all([0, 1, 2].map(() => startStratus(args)))));
  const live = () => nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
  const client = new SQSClient({ endpoint: nodes[0].edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  const queueUrl = (name: string) => `${nodes[0].edgeUrl}/000000000000/${name}`;
  const bodies = Array.from({ length: TOTAL }, (_, i) => (i % (TOTAL / POISON) === 0 ? `poison-${i}` : `job-${i}`));
  const advanceLiveClocks = (ms: number) =>
    Promise.all(live().map((n) => fetch(`${n.edgeUrl}/_stratus/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: ms }) })));
  // Three minutes of schedule time in 10 s steps, with every live node racing for each tick. The
  // pause lets a cold start finish well before its async-invocation lease (timeout + 30 s) lapses.
  const runSchedule = async () => {
    for (let i = 0; i < 18; i++) {
      await advanceLiveClocks(10_000);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const kill = async (node: StratusProcess) => {
    node.child.kill('SIGKILL');
    await new Promise((r) => node.child.once('exit', r));
  };
  try {
    // Schedule time first, while the queue is idle: jumps longer than the visibility timeout
    // would otherwise lapse leases of batches being processed (correctly, but not what this
    // test measures). All three nodes race for every tick here.
    await runSchedule();
    const sending = (async () => {
      for (let i = 0; i < TOTAL; i += 10) {
        const entries = bodies.slice(i, i + 10).map((b, j) => ({ Id: String(j), MessageBody: b }));
        await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl('cluster-jobs'), Entries: entries }));
      }
    })();
    await waitUntil(() => processed().length >= TOTAL * 0.25, 120_000, 'a quarter processed', 20);
    const atFirstKill = processed().length;
    await kill(nodes[1]);
    await waitUntil(() => processed().length >= TOTAL * 0.6, 120_000, 'three fifths processed', 20);
    const atSecondKill = processed().length;
    await kill(nodes[2]);
    await sending;
    assert.ok(atSecondKill < TOTAL - POISON, `killed mid-stream (${atFirstKill}, then ${atSecondKill} processed)`);
    // The dead nodes' leases and the poison retries end on the clock: move the live clocks along,
    // in steps shorter than the 5 s visibility timeout so no batch in progress loses its lease.
    const deadline = Date.now() + 180_000;
    for (;;) {
      await advanceLiveClocks(2_500);
      const unique = new Set(processed()).size;
      const dlq = await queueDepth(client, queueUrl('cluster-jobs-dlq'));
      if (unique === TOTAL - POISON && dlq === POISON) break;
      assert.ok(Date.now() < deadline, `stuck at ${unique} processed, ${dlq} dead-lettered`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // And more schedule time on the survivor alone, after the others died.
    await runSchedule();
    const lines = processed();
    const unique = new Set(lines);
    for (const b of bodies) if (!b.startsWith('poison')) assert.ok(unique.has(b), `${b} lost`);
    assert.equal(unique.size, TOTAL - POISON);
    const dead = await receiveAll(client, queueUrl('cluster-jobs-dlq'));
    assert.deepEqual(dead.sort(), bodies.filter((b) => b.startsWith('poison')).sort(), 'every failing message in the DLQ');
    assert.equal(await queueDepth(client, queueUrl('cluster-jobs')), 0);
    // Each tick once: no time twice, and no minute of the grid skipped between the first and last.
    // A tick fired twice would carry two event ids (each firing builds its own event); the same
    // event delivered twice is the async invocation's at-least-once delivery, counted apart.
    const tickLines = readTicks();
    const firings = new Map<number, Set<string>>();
    for (const [time, , eventId] of tickLines.map((line) => line.split(' '))) {
      const tick = Date.parse(time);
      firings.set(tick, (firings.get(tick) ?? new Set()).add(eventId));
    }
    const ticks = [...firings.keys()].sort((a, b) => a - b);
    assert.ok(ticks.length >= 4, `the schedule fired (${ticks.length} ticks in about six minutes)`);
    assert.ok([...firings.values()].every((ids) => ids.size === 1), `no tick fired twice:\n${tickLines.join('\n')}`);
    assert.ok(ticks.every((tick, i) => i === 0 || tick - ticks[i - 1] === 60_000), `one tick per minute, none missing:\n${tickLines.join('\n')}`);
    t.diagnostic(`schedule ticks fired: ${ticks.length}, each once; redelivered invocations: ${tickLines.length - ticks.length}`);
    t.diagnostic(`processed at the first SIGKILL: ${atFirstKill}, at the second: ${atSecondKill}; duplicates (at-least-once): ${lines.length - unique.size}`);
  } finally {
    client.destroy();
  }
});

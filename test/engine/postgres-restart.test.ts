/**
 * Losing the database (issue 4): two `stratus start` processes share one PostgreSQL and process a
 * stream of SQS messages through a function (fixtures/restart-app: a DLQ for the "poison" ones, a
 * rate(1 minute) schedule and an HTTP API). Mid-stream the server is stopped (pg_ctl -m fast:
 * every session terminated, as in a restart or failover) and started again a few seconds later
 * on the same data directory and port. The nodes report the outage on stderr, recover by
 * themselves (same processes), keep serving the edge port and the app's API, the schedule keeps
 * firing, and every message a client got a successful SendMessageBatch answer for is processed or
 * in the DLQ. Sends that failed during the outage were answered with an error, so the client knows.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SQSClient, SendMessageBatchCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import pg from 'pg';
import { startStratus, tempDir, removeDir, type StratusProcess } from '../support/stratus-process';
import { startTestDatabase } from './fixtures/pg-cluster';
import { nodeFiles, queueDepth, receiveAll, waitUntil } from './fixtures/node-stream';

const APP = 'test/engine/fixtures/restart-app';
/** Down long enough for every pool connection, the LISTEN connection and a few retries to fail. */
const OUTAGE_MS = 4_000;
const POISON_EVERY = 50;

const database = await startTestDatabase('restart');
const work = tempDir('stratus-restart-');
const nodes: StratusProcess[] = [];
after(async () => {
  await Promise.all(nodes.map((n) => n.stop('SIGKILL').catch(() => {})));
  removeDir(work);
  await database.stop();
});

const skip = database.server ? false : 'needs a throwaway cluster it can restart (STRATUS_TEST_DATABASE_URL points at a shared one)';

test('a PostgreSQL restart mid-stream: nodes report it, recover by themselves, lose no acknowledged message', { skip, timeout: 300_000 }, async (t) => {
  const server = database.server!;
  const { processed, ticks: readTicks, args } = nodeFiles(work, APP, database.url);
  nodes.push(await startStratus(args), await startStratus(args));
  // One attempt per call: a send the node could not store must show up here as an error, not be
  // retried behind the test's back.
  const clients = nodes.map((n) => new SQSClient({ endpoint: n.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 }));
  const queueUrl = (name: string) => `${nodes[0].edgeUrl}/000000000000/${name}`;
  const advanceClocks = (ms: number) =>
    Promise.all(nodes.map((n) => fetch(`${n.edgeUrl}/_stratus/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: ms }) })));

  const acked: string[] = [];
  let failedSends = 0;
  let sending = true;
  let sent = 0;
  const sender = (async () => {
    for (let batch = 0; sending; batch++) {
      const bodies = Array.from({ length: 10 }, (_, j) => {
        const n = sent++;
        return n % POISON_EVERY === 0 ? `poison-${n}` : `job-${n}`;
      });
      try {
        const res = await clients[batch % 2].send(
          new SendMessageBatchCommand({ QueueUrl: queueUrl('restart-jobs'), Entries: bodies.map((b, j) => ({ Id: String(j), MessageBody: b })) }),
        );
        for (const ok of res.Successful ?? []) acked.push(bodies[Number(ok.Id)]);
        failedSends += res.Failed?.length ?? 0;
      } catch {
        failedSends += bodies.length;
      }
      // A steady stream, not a flood: the test is about the outage, not throughput.
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const stderrBefore = nodes.map((n) => n.stderr().length);
  try {
    await waitUntil(() => processed().length >= 300, 60_000, 'the stream flowing');

    server.stop();
    const stoppedAt = Date.now();
    const ackedAtStop = acked.length;
    // Every node notices on its own (its pollers' receives fail) and says so on stderr.
    // (what pg reports: refused connections, the server shutting down, sessions terminated)
    const outage = /ECONNREFUSED|shutting down|terminating connection|Connection terminated/;
    await waitUntil(() => nodes.every((n, i) => outage.test(n.stderr().slice(stderrBefore[i]))), 30_000, 'both nodes reporting the outage');
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
    const processedDuringOutage = processed().length;
    server.start();
    const restartedAt = Date.now();

    // The same processes pick the stream up again: new sends are acknowledged and processed.
    await waitUntil(() => acked.length >= ackedAtStop + 500, 90_000, 'sends acknowledged again after the restart');
    await waitUntil(() => processed().length >= processedDuringOutage + 300, 90_000, 'messages processed again after the restart');
    const recoveredInMs = Date.now() - restartedAt;
    sending = false;
    await sender;

    // Drain: poison messages need three receives and lapsed leases (5 s visibility timeout); move
    // the clocks along in steps shorter than that so batches in progress keep their leases.
    const good = acked.filter((b) => !b.startsWith('poison'));
    const poison = acked.filter((b) => b.startsWith('poison'));
    const deadline = Date.now() + 180_000;
    for (;;) {
      await advanceClocks(2_500);
      const unique = new Set(processed());
      const missing = good.filter((b) => !unique.has(b)).length;
      const dlq = await queueDepth(clients[0], queueUrl('restart-jobs-dlq'));
      if (missing === 0 && dlq >= poison.length) break;
      assert.ok(Date.now() < deadline, `stuck: ${missing} acknowledged messages not processed, ${dlq}/${poison.length} dead-lettered`);
      await new Promise((r) => setTimeout(r, 250));
    }

    for (const n of nodes) assert.equal(n.child.exitCode, null, 'the node was never restarted');
    for (const n of nodes) assert.equal(n.child.signalCode, null, 'the node was never restarted');
    const lines = processed();
    const unique = new Set(lines);
    for (const b of good) assert.ok(unique.has(b), `${b} was acknowledged and lost`);
    const dead = new Set(await receiveAll(clients[0], queueUrl('restart-jobs-dlq')));
    for (const b of poison) assert.ok(dead.has(b), `${b} was acknowledged and is not in the DLQ`);

    // The edge port and the app's API still answer on every node.
    for (const [i, n] of nodes.entries()) {
      const { QueueUrls = [] } = await clients[i].send(new ListQueuesCommand({}));
      assert.ok(QueueUrls.some((u) => u.endsWith('/restart-jobs')), 'edge port answers');
      const ping = await fetch(`${n.apis.ServerlessHttpApi ?? Object.values(n.apis)[0]}/ping`);
      assert.equal(ping.status, 200, 'app API answers');
    }
    // Each node's LISTEN connection (cross-node wake-ups) is back.
    await waitUntil(async () => (await listeners(database.url)) === nodes.length, 30_000, 'both LISTEN connections re-established');
    // The schedule loop survived: a minute of clock time fires a tick again.
    const ticksBefore = readTicks().length;
    await waitUntil(async () => {
      await advanceClocks(10_000);
      return readTicks().length > ticksBefore;
    }, 60_000, 'a schedule tick after the restart');

    const stderrLines = nodes.map((n, i) => n.stderr().slice(stderrBefore[i]).split('\n').filter(Boolean).length);
    t.diagnostic(`stderr lines per node since the stop: ${stderrLines.join(', ')}`);
    const reported = nodes.map((n, i) => n.stderr().slice(stderrBefore[i]).split('\n').find((l) => l.includes('SQS poller')));
    t.diagnostic(`acknowledged: ${acked.length} (${poison.length} poison), refused during the outage: ${failedSends}, processed lines: ${lines.length}, duplicates: ${lines.length - unique.size}`);
    t.diagnostic(`first poller line per node after the stop: ${reported.map((l) => JSON.stringify(l)).join(' | ')}`);
    t.diagnostic(`processing resumed ${recoveredInMs} ms after the server was started again`);
  } catch (err) {
    // What the nodes said is the first thing to read when this fails.
    const said = nodes.map((n, i) => `node ${i} (exit ${n.child.exitCode ?? n.child.signalCode ?? 'none'}) stderr:\n${n.stderr().slice(-3000)}`).join('\n');
    throw new Error(`${(err as Error).message}\n${said}`, { cause: err });
  } finally {
    sending = false;
    await sender.catch(() => {});
    for (const c of clients) c.destroy();
  }
});

async function listeners(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'stratus-listen'`);
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

/**
 * Several nodes on PostgreSQL (issue 4): SQS → trivial Node function (batch 10) end to end on a
 * throwaway PostgreSQL (scripts/pg-up.sh), with 1 and then 2 `stratus start` processes on the
 * same database, next to pg-boss moving the same number of jobs through the same database in the
 * same run.
 *
 * Stratus: MESSAGES messages go in through the SQS edge (SendMessageBatch of 10, SENDERS
 * concurrent loops, spread over the nodes); the clock runs from the first send until the queue is
 * empty (nothing visible, nothing in flight), so each message was sent, received by a poller,
 * handed to the function in a batch of 10 and deleted. pg-boss (the baseline): the same count,
 * inserted 10 at a time by SENDERS loops, then drained by PGBOSS_WORKERS loops that fetch 10 and
 * complete 10 (the manual fetch/complete API: pg-boss's own `work()` sleeps its polling interval,
 * ≥ 0.5 s, between batches, which would measure the sleep, not the database); clock from the
 * first insert to the last completion. Each timed run follows an untimed warm-up of WARMUP
 * messages on the same processes. Figures: messages/s, and CPU time per message of the app side
 * and of the PostgreSQL server (steadier than rates on a shared machine).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { REPO, fmt } from './support';

const MESSAGES = Number(process.env.BENCH_PG_MESSAGES ?? 20_000);
const SENDERS = Number(process.env.BENCH_PG_SENDERS ?? 8);
const PGBOSS_WORKERS = Number(process.env.BENCH_PGBOSS_WORKERS ?? 5);
const BATCH = 10;
/** Sent and processed before each timed run, untimed (JIT, function instances, connections). */
const WARMUP = Number(process.env.BENCH_PG_WARMUP ?? 2_000);
/** Extra node flags for the Stratus processes (e.g. `--cpu-prof` when profiling). */
const NODE_ARGS = (process.env.BENCH_PG_NODE_ARGS ?? '').split(' ').filter(Boolean);
/** A node count: only that Stratus figure, with transactions and CPU seconds (for profiling). */
const ONLY = process.env.BENCH_PG_ONLY;
/** Prints the queue's depth while waiting for it to drain (for profiling). */
const TRACE = process.env.BENCH_PG_TRACE === '1';
const APP = join(REPO, 'bench/apps/queue');
const QUEUE = 'bench-jobs';

/** One timed run: its rate, and the CPU seconds the app side and the database server used for it. */
interface Figures {
  rate: number;
  appCpu: number;
  dbCpu: number;
}

export async function benchPostgres(): Promise<string[]> {
  const server = startServer();
  try {
    const url = await createDatabase(server.url, `bench_${process.pid}`);
    if (ONLY) {
      const before = await commits(url);
      const f = await measureStratus(server, url, Number(ONLY));
      await new Promise((r) => setTimeout(r, 1500));
      return [`Stratus, ${ONLY} node(s) ${fmt(f.rate)} msg/s, ${fmt((await commits(url)) - before)} transactions (warm-up included), CPU s: nodes ${fmt(f.appCpu, 2)}, postgres ${fmt(f.dbCpu, 2)}`];
    }
    const one = await measureStratus(server, url, 1);
    const two = await measureStratus(server, url, 2);
    const boss = await measurePgBoss(server, url);
    // CPU per message is the steadier figure on a shared machine: rates move with other load.
    // "app" = every process but the database's: the Stratus nodes plus this sending process, or
    // this process running pg-boss's senders and workers.
    const cpu = (f: Figures) =>
      `CPU/msg: app ${fmt((f.appCpu / MESSAGES) * 1e6).padStart(4)} µs, PostgreSQL ${server.dataDir ? fmt((f.dbCpu / MESSAGES) * 1e6).padStart(4) : ' n/a'} µs`;
    const lines = [`## SQS → trivial Node function on PostgreSQL 15, batch 10, ${fmt(MESSAGES)} messages, one database (send + process, ${SENDERS} sending loops)`];
    const row = (label: string, f: Figures, unit: string, versus: string) =>
      `${label.padEnd(52)} ${fmt(f.rate).padStart(7)} ${unit}   ${versus.padEnd(62)} ${cpu(f)}`;
    lines.push(row(`pg-boss 10: insert, then ${PGBOSS_WORKERS} fetch(10)+complete loops`, boss, 'jobs/s', '(baseline)'));
    lines.push(row('Stratus, 1 node', one, 'msg/s ', `${fmt(one.rate / boss.rate, 2)}× pg-boss  (target ≥ 5,000 msg/s and ≥ pg-boss)`));
    lines.push(row('Stratus, 2 nodes', two, 'msg/s ', `${fmt(two.rate / one.rate, 2)}× 1 node, ${fmt(two.rate / boss.rate, 2)}× pg-boss  (target ≥ 1.3× 1 node)`));
    return lines;
  } finally {
    server.stop();
  }
}

interface Server {
  url: string;
  dataDir: string;
  stop(): void;
}

/** BENCH_PG_URL: an existing server to use instead of a throwaway one (it gets a new database). */
function startServer(): Server {
  const external = process.env.BENCH_PG_URL;
  if (external) return { url: external, dataDir: process.env.BENCH_PG_DATA_DIR ?? '', stop: () => {} };
  const out = execFileSync('bash', [join(REPO, 'scripts/pg-up.sh')], { encoding: 'utf8' });
  const dataDir = /PGDATA_DIR=(\S+)/.exec(out)![1];
  return { url: /DATABASE_URL=(\S+)/.exec(out)![1], dataDir, stop: () => execFileSync('bash', [join(REPO, 'scripts/pg-down.sh'), dataDir]) };
}

async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** CPU seconds used so far by the server: the postmaster, its exited children and its live ones. */
function serverCpu(dataDir: string): number {
  if (!dataDir) return 0;
  const postmaster = Number(readFileSync(join(dataDir, 'data/postmaster.pid'), 'utf8').split('\n')[0]);
  let total = processCpu(postmaster, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (statFields(Number(entry))[1] === String(postmaster)) total += processCpu(Number(entry));
    } catch {
      // The process ended in between.
    }
  }
  return total;
}

function statFields(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
}

function processCpu(pid: number, withChildren = false): number {
  const f = statFields(pid);
  return (Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0)) / 100;
}

async function commits(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`)).rows[0].n);
  } finally {
    await client.end();
  }
}

async function measureStratus(server: Server, url: string, count: number): Promise<Figures> {
  const nodes: Node[] = [];
  try {
    // One at a time: the first applies the migrations, the others find them applied.
    for (let i = 0; i < count; i++) nodes.push(await startNode(url));
    const edges = nodes.map((n) => n.edge);
    await waitEmpty(edges[0]);
    // Untimed first: every node's JIT and function instances warm, as for pg-boss below.
    await sendAndDrain(edges, WARMUP);
    for (const n of nodes) n.cpuAtStart = processCpu(n.pid);
    const db0 = serverCpu(server.dataDir);
    const client0 = process.cpuUsage();
    const seconds = await sendAndDrain(edges, MESSAGES);
    const dbCpu = serverCpu(server.dataDir) - db0;
    const { user, system } = process.cpuUsage(client0);
    // The app side is everything but the database: the nodes and this process sending to them.
    const appCpu = nodes.reduce((sum, n) => sum + processCpu(n.pid) - n.cpuAtStart, 0) + (user + system) / 1e6;
    return { rate: MESSAGES / seconds, appCpu, dbCpu };
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
  }
}

/** Sends `total` messages through the edges (SENDERS loops, round robin) and waits for an empty queue. */
async function sendAndDrain(edges: string[], total: number): Promise<number> {
  const t0 = performance.now();
  let sendMs = 0;
  let sends = 0;
  let next = 0;
  await Promise.all(Array.from({ length: SENDERS }, async (_, loop) => {
    for (let i = next; i < total; i = next) {
      next += BATCH;
      const entries = Array.from({ length: Math.min(BATCH, total - i) }, (_, j) => ({ Id: String(j), MessageBody: `{"n":${i + j}}` }));
      const sentAt = performance.now();
      await sqs(edges[loop % edges.length], 'SendMessageBatch', { QueueUrl: queueUrl(edges[0]), Entries: entries });
      sendMs += performance.now() - sentAt;
      sends++;
    }
  }));
  if (TRACE) process.stderr.write(`sending took ${fmt(performance.now() - t0)} ms, ${fmt(sendMs / sends, 2)} ms per SendMessageBatch\n`);
  await waitEmpty(edges[0]);
  return (performance.now() - t0) / 1000;
}

interface Node {
  edge: string;
  pid: number;
  cpuAtStart: number;
  stop(): Promise<void>;
}

async function startNode(url: string): Promise<Node> {
  const stateDir = mkdtempSync(join(tmpdir(), 'stratus-bench-pg-'));
  const child = spawn(process.execPath, [...NODE_ARGS, join(REPO, 'bin/stratus.js'), 'start', APP, '--engine', url, '--port', '0', '--edge-port', '0', '--state-dir', stateDir], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited(child);
    }
    rmSync(stateDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (!/Ready in \d+ ms/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`stratus start did not come up:\n${out}\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { edge: out.match(/AWS endpoints: (http:\/\/\S+)/)![1], pid: child.pid!, cpuAtStart: 0, stop };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const queueUrl = (edge: string) => `${edge}/000000000000/${QUEUE}`;

/** Plain AWS JSON 1.0 requests: the sender's own CPU stays small next to the nodes'. */
async function sqs(edge: string, action: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(edge, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${action}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function waitEmpty(edge: string): Promise<void> {
  for (;;) {
    const { Attributes } = (await sqs(edge, 'GetQueueAttributes', {
      QueueUrl: queueUrl(edge),
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    })) as { Attributes: Record<string, string> };
    if (TRACE) process.stderr.write(`${Math.round(performance.now())} visible ${Attributes.ApproximateNumberOfMessages} in flight ${Attributes.ApproximateNumberOfMessagesNotVisible}\n`);
    if (Attributes.ApproximateNumberOfMessages === '0' && Attributes.ApproximateNumberOfMessagesNotVisible === '0') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `total` jobs inserted 10 at a time by SENDERS loops, THEN drained by PGBOSS_WORKERS loops that
 * fetch 10 and complete them; timed from the first insert to the last completion. Sending first
 * spares pg-boss the empty polls a worker would make while jobs trickle in (it has no wake-up).
 */
async function bossRound(boss: import('pg-boss'), total: number): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: SENDERS }, async () => {
    for (let i = next; i < total; i = next) {
      next += BATCH;
      await boss.insert(Array.from({ length: Math.min(BATCH, total - i) }, (_, j) => ({ name: 'bench', data: { n: i + j } })));
    }
  }));
  let done = 0;
  await Promise.all(Array.from({ length: PGBOSS_WORKERS }, async () => {
    while (done < total) {
      const jobs = await boss.fetch('bench', { batchSize: BATCH });
      if (jobs.length === 0) {
        // The last jobs are being completed by another loop.
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      await boss.complete('bench', jobs.map((j) => j.id));
      done += jobs.length;
    }
  }));
  return (performance.now() - t0) / 1000;
}

async function measurePgBoss(server: Server, url: string): Promise<Figures> {
  const { default: PgBoss } = await import('pg-boss');
  // Its own schema in the same database; no maintenance or scheduling during the measurement.
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss_bench', supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  try {
    await boss.createQueue('bench');
    await bossRound(boss, WARMUP);
    const app0 = process.cpuUsage();
    const db0 = serverCpu(server.dataDir);
    const seconds = await bossRound(boss, MESSAGES);
    const { user, system } = process.cpuUsage(app0);
    return { rate: MESSAGES / seconds, appCpu: (user + system) / 1e6, dbCpu: serverCpu(server.dataDir) - db0 };
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
  }
}

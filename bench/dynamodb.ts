/**
 * DynamoDB through the real `@aws-sdk/client-dynamodb`: PutItem, GetItem and Query (one
 * partition, a 10-item sort-key range) ops/s against Stratus (started with startApp, embedded
 * SQLite engine) next to the same client code against moto's server (`python3 -m moto.server`)
 * started in the same run. The client runs in its own process with CONCURRENCY loops for a
 * fixed time per phase.
 */
import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startApp } from '../src/app/app';
import { REPO, fmt } from './support';

const CONCURRENCY = Number(process.env.BENCH_DYNAMODB_CONCURRENCY ?? 8);
/** Client processes per phase: the SDK is CPU-heavy, one process can be what limits the figures. */
const CLIENTS = Number(process.env.BENCH_DYNAMODB_CLIENTS ?? 1);
const MOTO_START_TIMEOUT_MS = 30_000;
const TABLE = 'bench-ddb';
const run = promisify(execFile);
const PHASES = ['put', 'get', 'query'] as const;
type Rates = Record<(typeof PHASES)[number], number>;

export async function benchDynamodb(seconds: number): Promise<string[]> {
  const stratus = await measureStratus(seconds);
  const moto = await measureMoto(seconds).catch((err: Error) => err);
  const m = moto instanceof Error ? undefined : moto;
  const lines = [`## DynamoDB through @aws-sdk/client-dynamodb, ${CLIENTS} client process(es) × ${CONCURRENCY} concurrent loops, ${seconds} s per phase`];
  const row = (label: string, ours: number, theirs: number | undefined) =>
    `${label.padEnd(34)} Stratus ${fmt(ours).padStart(7)} ops/s   moto ${theirs === undefined ? '    n/a' : fmt(theirs).padStart(7)} ops/s` +
    (theirs ? `   ratio ${fmt(ours / theirs, 1)}×` : '');
  lines.push(row('PutItem', stratus.put, m?.put));
  lines.push(row('GetItem', stratus.get, m?.get));
  lines.push(row('Query (10-item range)', stratus.query, m?.query));
  if (moto instanceof Error) lines.push(`moto baseline unavailable: ${moto.message}`);
  return lines;
}

async function measureStratus(seconds: number): Promise<Rates> {
  const stateDir = mkdtempSync(join(tmpdir(), 'stratus-bench-ddb-'));
  const app = await startApp({
    templatePath: join(REPO, 'bench/apps/trivial/template.yaml'),
    host: '127.0.0.1', port: 0, edgePort: 0, stateDir,
    engineUrl: `sqlite:${join(stateDir, 'stratus.db')}`,
    region: 'us-east-1', accountId: '000000000000', parameterOverrides: {}, envVars: {}, hotReload: false,
  });
  try {
    return await measure(app.edgeUrl, seconds);
  } finally {
    await app.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function measureMoto(seconds: number): Promise<Rates> {
  const port = await freePort();
  const moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  try {
    const endpoint = `http://127.0.0.1:${port}`;
    await waitUntilAnswering(endpoint, moto);
    return await measure(endpoint, seconds);
  } finally {
    moto.kill();
    if (moto.exitCode === null) await once(moto, 'exit');
  }
}

/** The same phases, the same client code, whatever the server. */
async function measure(endpoint: string, seconds: number): Promise<Rates> {
  const ddb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  await ddb.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  ddb.destroy();
  const rates = {} as Rates;
  for (const phase of PHASES) rates[phase] = await clientPhase(endpoint, phase, seconds);
  return rates;
}

async function clientPhase(endpoint: string, phase: string, seconds: number): Promise<number> {
  const rates = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      // Each process has its own partitions (p<i*CONCURRENCY+worker>), so processes never write the same items.
      const args = ['--import', 'tsx', join(REPO, 'bench/dynamodb-client.ts'), endpoint, TABLE, phase, String(seconds), String(CONCURRENCY), String(i * CONCURRENCY)];
      const { stdout } = await run(process.execPath, args, { cwd: REPO, timeout: (seconds + 60) * 1000 });
      const { ops, seconds: elapsed } = JSON.parse(stdout.trim().split('\n').pop()!) as { ops: number; seconds: number };
      return ops / elapsed;
    }),
  );
  return rates.reduce((a, b) => a + b, 0);
}

async function waitUntilAnswering(endpoint: string, child: ReturnType<typeof spawn>): Promise<void> {
  const deadline = Date.now() + MOTO_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto.server exited with ${child.exitCode}`);
    const answered = await fetch(`${endpoint}/moto-api/`).then(() => true, () => false);
    if (answered) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('moto.server did not answer in time');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

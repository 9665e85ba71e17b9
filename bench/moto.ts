/**
 * The side-by-side harness of the SDK benchmarks (SQS, S3, DynamoDB): the same `measure`
 * function runs once against Stratus (startApp, embedded SQLite engine, the trivial app) and once
 * against moto's server (`python3 -m moto.server`) started in the same run, and the load itself
 * runs in client processes of its own (see client-loops.ts).
 */
import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startApp } from '../src/app/app';
import { REPO, fmt } from './support';

const MOTO_START_TIMEOUT_MS = 30_000;
const run = promisify(execFile);

/** The figures of one server; `moto` is the Error that kept moto from being measured, if any. */
export interface SideBySide<Rates> {
  stratus: Rates;
  moto: Rates | Error;
}

/** Stratus first, then moto; a moto that cannot start is reported, not fatal. */
export async function measureBoth<Rates>(name: string, measure: (endpoint: string) => Promise<Rates>): Promise<SideBySide<Rates>> {
  const stratus = await measureStratus(name, measure);
  const moto = await measureMoto(measure).catch((err: Error) => err);
  return { stratus, moto };
}

async function measureStratus<Rates>(name: string, measure: (endpoint: string) => Promise<Rates>): Promise<Rates> {
  const stateDir = mkdtempSync(join(tmpdir(), `stratus-bench-${name}-`));
  const app = await startApp({
    templatePath: join(REPO, 'bench/apps/trivial/template.yaml'),
    host: '127.0.0.1', port: 0, edgePort: 0, stateDir,
    engineUrl: `sqlite:${join(stateDir, 'stratus.db')}`,
    region: 'us-east-1', accountId: '000000000000', parameterOverrides: {}, envVars: {}, hotReload: false,
  });
  try {
    return await measure(app.edgeUrl);
  } finally {
    await app.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function measureMoto<Rates>(measure: (endpoint: string) => Promise<Rates>): Promise<Rates> {
  const port = await freePort();
  const moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  try {
    const endpoint = `http://127.0.0.1:${port}`;
    await waitUntilAnswering(endpoint, moto);
    return await measure(endpoint);
  } finally {
    moto.kill();
    if (moto.exitCode === null) await once(moto, 'exit');
  }
}

/**
 * Runs one client process (`node --import tsx bench/<script> ...args`) and returns the ops/s it
 * reports on its last stdout line. `graceSeconds` is how long past the phase it may take to end.
 */
export async function clientOpsPerSecond(script: string, args: string[], seconds: number, graceSeconds = 60): Promise<number> {
  const argv = ['--import', 'tsx', join(REPO, 'bench', script), ...args];
  const { stdout } = await run(process.execPath, argv, { cwd: REPO, timeout: (seconds + graceSeconds) * 1000 });
  const { ops, seconds: elapsed } = JSON.parse(stdout.trim().split('\n').pop()!) as { ops: number; seconds: number };
  return ops / elapsed;
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

/** One "label  Stratus n ops/s   moto n ops/s   ratio r×" line; `note` follows the ratio. */
export function opsRow(label: string, ours: number, theirs: number | undefined, note = ''): string {
  return `${label.padEnd(34)} Stratus ${fmt(ours).padStart(7)} ops/s   moto ${theirs === undefined ? '    n/a' : fmt(theirs).padStart(7)} ops/s` +
    (theirs ? `   ratio ${fmt(ours / theirs, 1)}×${note}` : '');
}

/**
 * S3 through the real `@aws-sdk/client-s3` (REST-XML, path-style): PutObject and GetObject of
 * 1 KiB and 16 MiB objects, ops/s and MB/s, against Stratus (started with startApp, embedded
 * SQLite engine, bytes on local disk) next to the same client code against moto's server
 * (`python3 -m moto.server`, objects in memory) started in the same run. The client runs in its
 * own process with a few concurrent loops for a fixed time per phase.
 */
import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { startApp } from '../src/app/app';
import { REPO, fmt } from './support';

const MOTO_START_TIMEOUT_MS = 30_000;
const run = promisify(execFile);
const KiB = 1024;
const MiB = 1024 * 1024;
/** Size → concurrent client loops: many small requests, few big ones. */
const SIZES: { label: string; bytes: number; concurrency: number }[] = [
  { label: '1 KiB', bytes: KiB, concurrency: 8 },
  { label: '16 MiB', bytes: 16 * MiB, concurrency: 2 },
];
type Rates = Record<string, number>;

export async function benchS3(seconds: number): Promise<string[]> {
  const stratus = await measureStratus(seconds);
  const moto = await measureMoto(seconds).catch((err: Error) => err);
  const m = moto instanceof Error ? undefined : moto;
  const lines = [`## S3 through @aws-sdk/client-s3 (REST-XML, path-style), ${seconds} s per phase`];
  for (const size of SIZES) {
    for (const op of ['put', 'get']) {
      const key = `${op}-${size.bytes}`;
      const mbps = (ops: number) => fmt((ops * size.bytes) / MiB, 1);
      const theirs = m?.[key];
      lines.push(
        `${`${op === 'put' ? 'PutObject' : 'GetObject'} ${size.label} (${size.concurrency} loops)`.padEnd(32)} Stratus ${fmt(stratus[key]).padStart(6)} ops/s ${mbps(stratus[key]).padStart(7)} MB/s` +
          `   moto ${theirs === undefined ? '   n/a' : fmt(theirs).padStart(6)} ops/s ${theirs === undefined ? '    n/a' : mbps(theirs).padStart(7)} MB/s` +
          (theirs ? `   ratio ${fmt(stratus[key] / theirs, 1)}×` : ''),
      );
    }
  }
  if (moto instanceof Error) lines.push(`moto baseline unavailable: ${moto.message}`);
  return lines;
}

async function measureStratus(seconds: number): Promise<Rates> {
  const stateDir = mkdtempSync(join(tmpdir(), 'stratus-bench-s3-'));
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
  const s3 = new S3Client({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'bench-s3' }));
  s3.destroy();
  const rates: Rates = {};
  for (const size of SIZES) {
    for (const op of ['put', 'get']) rates[`${op}-${size.bytes}`] = await clientPhase(endpoint, op, size.bytes, seconds, size.concurrency);
  }
  return rates;
}

async function clientPhase(endpoint: string, phase: string, bytes: number, seconds: number, concurrency: number): Promise<number> {
  const args = ['--import', 'tsx', join(REPO, 'bench/s3-client.ts'), endpoint, 'bench-s3', phase, String(bytes), String(seconds), String(concurrency)];
  const { stdout } = await run(process.execPath, args, { cwd: REPO, timeout: (seconds + 120) * 1000 });
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

/**
 * CPU cost per request, robust to a busy machine (wall-clock req/s is not): a fixed number of
 * requests (autocannon -a, 50 connections, its own process) against a bare node:http server and
 * against `stratus start` (the built CLI, bench/apps/trivial), with each server's CPU time read
 * from /proc before and after: the main thread alone (tid = pid) and the whole process (worker
 * threads, libuv pool, GC helpers). Linux only.
 *   node --import tsx bench/cpu-per-request.ts [requests=20000]
 * STRATUS_ARGS adds flags to `stratus start` (e.g. "--max-instances 1"); STRATUS_BIN runs another
 * build (a copy of bin/ + dist/ under .bench/, to compare two builds in alternating runs);
 * SKIP_BARE=1 measures stratus only; FLOOR=1 also measures bench/apps/worker-floor.mjs (node:http
 * plus one worker-thread round trip per request and nothing else: the floor of the design).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, fmt } from './support';

const REQUESTS = Number(process.argv[2] ?? 20_000);
const TICK_US = 10_000; // USER_HZ = 100

function threadTicks(pid: number, tid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function cpuSnapshot(pid: number): { main: number; all: number } {
  let all = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      all += threadTicks(pid, Number(tid));
    } catch {
      // the thread exited meanwhile
    }
  }
  return { main: threadTicks(pid, pid), all };
}

async function fire(url: string, amount: number): Promise<{ seconds: number; rps: number }> {
  const args = [join(REPO, 'node_modules/autocannon/autocannon.js'), '-j', '-c', '50', '-a', String(amount), url];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  const t0 = performance.now();
  await once(child, 'exit');
  const seconds = (performance.now() - t0) / 1000;
  const r = JSON.parse(out);
  if (r.errors || r.non2xx) throw new Error(`errors ${r.errors}, non-2xx ${r.non2xx}`);
  return { seconds, rps: r.requests.total / seconds };
}

async function measure(label: string, pid: number, url: string): Promise<void> {
  await fire(url, 2_000);
  const before = cpuSnapshot(pid);
  const run = await fire(url, REQUESTS);
  const after = cpuSnapshot(pid);
  const threads = readdirSync(`/proc/${pid}/task`).length;
  const perRequest = (ticks: number) => (ticks * TICK_US) / REQUESTS;
  console.log(
    `${label.padEnd(8)} main thread ${fmt(perRequest(after.main - before.main), 1).padStart(6)} µs/req   ` +
      `whole process ${fmt(perRequest(after.all - before.all), 1).padStart(6)} µs/req   ` +
      `(${fmt(run.rps)} req/s, ${REQUESTS} requests, ${threads} threads)`,
  );
}

function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (c: string) => {
      out += c;
      const m = out.match(pattern);
      if (!m) return;
      // Stop collecting: the live log output that follows must cost this process nothing.
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      resolve(m);
    };
    const onExit = () => reject(new Error(`exited:\n${out}`));
    child.stdout!.setEncoding('utf8').on('data', onData);
    child.once('exit', onExit);
  });
}

if (!process.env.SKIP_BARE) {
const bare = spawn(process.execPath, ['-e', `
  const s = require('node:http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}'); });
  s.listen(0, '127.0.0.1', () => console.log('port ' + s.address().port));`], { stdio: ['ignore', 'pipe', 'inherit'] });
const [, barePort] = await waitFor(bare, /port (\d+)/);
await measure('bare', bare.pid!, `http://127.0.0.1:${barePort}/ping`);
bare.kill();
}

if (process.env.FLOOR) {
  const floor = spawn(process.execPath, [join(REPO, 'bench/apps/worker-floor.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [, floorPort] = await waitFor(floor, /port (\d+)/);
  await measure('floor', floor.pid!, `http://127.0.0.1:${floorPort}/ping`);
  floor.kill();
}

const stateDir = mkdtempSync(join(tmpdir(), 'stratus-cpu-'));
const extra = process.env.STRATUS_ARGS?.split(' ').filter(Boolean) ?? [];
const stratus = spawn(process.execPath, [process.env.STRATUS_BIN ?? join(REPO, 'bin/stratus.js'), 'start', join(REPO, 'bench/apps/trivial'), '--port', '0', '--edge-port', '0', '--state-dir', stateDir, ...extra], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [, url] = await waitFor(stratus, /HTTP API \w+: (\S+)[\s\S]*Ready in/);
stratus.stdout!.resume();
await measure('stratus', stratus.pid!, `${url}/ping`);
stratus.kill('SIGTERM');
await once(stratus, 'exit');
rmSync(stateDir, { recursive: true, force: true });

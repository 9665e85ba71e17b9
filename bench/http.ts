/**
 * HTTP path: warm requests/s and latency through an HTTP API route to a trivial Node handler,
 * next to a bare node:http server doing the same work; cold starts; time to first request.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, load, startBareServer, fmt } from './support';

const APP = join(REPO, 'bench/apps/trivial');

interface Started {
  url: string;
  readyMs: number;
  stop(): Promise<void>;
}

async function startStratus(): Promise<Started> {
  const stateDir = mkdtempSync(join(tmpdir(), 'stratus-bench-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(REPO, 'bin/stratus.js'), 'start', APP, '--port', '0', '--edge-port', '0', '--state-dir', stateDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onExit = () => reject(new Error(`stratus exited:\n${out}`));
    const onData = (c: string) => {
      out += c;
      const m = out.match(/HTTP API \w+: (\S+)/);
      if (!m || !/Ready in/.test(out)) return;
      // Stop collecting: re-scanning an ever-growing string of live logs would cost this
      // process (on the same two cores as the server) more CPU with every request.
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      resolve(m[1]);
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.once('exit', onExit);
  });
  // Drain further output (live logs) so the pipe never blocks the server.
  child.stdout.resume();
  const readyMs = performance.now() - t0;
  return {
    url,
    readyMs,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

async function timed(url: string): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status };
}

export async function benchHttp(seconds: number): Promise<string[]> {
  const lines: string[] = [];
  const bare = await startBareServer();
  // The first fetch() of a process loads undici (~40 ms): pay it here, not in a cold start figure.
  await timed(bare.url);
  await load(bare.url, { seconds: 1 });
  const baseline = await load(bare.url, { seconds });
  await bare.close();

  const t0 = performance.now();
  const stratus = await startStratus();
  const first = await timed(`${stratus.url}/ping`);
  const toFirstAnswer = performance.now() - t0;
  const warmOne = await timed(`${stratus.url}/ping`);
  const pyCold = await timed(`${stratus.url}/pyping`);
  const pyWarm = await timed(`${stratus.url}/pyping`);
  await load(`${stratus.url}/ping`, { seconds: 1 });
  const warm = await load(`${stratus.url}/ping`, { seconds });
  await stratus.stop();

  const ratio = warm.requestsPerSec / baseline.requestsPerSec;
  lines.push('## HTTP API → trivial Node handler (50 connections, ' + seconds + ' s, load generator in its own process)');
  lines.push(`bare node:http          ${fmt(baseline.requestsPerSec).padStart(8)} req/s   p50 ${fmt(baseline.p50Ms, 1)} ms   p99 ${fmt(baseline.p99Ms, 1)} ms`);
  lines.push(`stratus HTTP API route  ${fmt(warm.requestsPerSec).padStart(8)} req/s   p50 ${fmt(warm.p50Ms, 1)} ms   p99 ${fmt(warm.p99Ms, 1)} ms   errors ${warm.errors + warm.non2xx}`);
  lines.push(`ratio stratus / bare    ${fmt(ratio, 2)}   (target ≥ 0.50)`);
  lines.push('## Cold start and readiness');
  lines.push(`Node cold first request ${fmt(first.ms, 1)} ms (warm: ${fmt(warmOne.ms, 1)} ms; target cold < 100 ms)   status ${first.status}`);
  lines.push(`Python cold first request ${fmt(pyCold.ms, 1)} ms (warm: ${fmt(pyWarm.ms, 1)} ms)   status ${pyCold.status}`);
  lines.push(`stratus start → ready   ${fmt(stratus.readyMs)} ms;  → first answered request ${fmt(toFirstAnswer)} ms (target < 1000 ms)`);
  return lines;
}

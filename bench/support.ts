/** Shared pieces of the benchmarks: a load generator in its own process, and the bare baseline. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..');

export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/**
 * autocannon runs as a separate process so the load generator does not share the event loop of
 * the server being measured (both still share the machine's cores, equally for every target).
 */
export async function load(url: string, options: { connections?: number; seconds?: number } = {}): Promise<LoadResult> {
  const args = [join(REPO, 'node_modules/autocannon/autocannon.js'), '-j', '-c', String(options.connections ?? 50), '-d', String(options.seconds ?? 5), url];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  await once(child, 'exit');
  const r = JSON.parse(out);
  return { requestsPerSec: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/** The ceiling: node:http answering the same JSON the trivial handler returns. */
export async function startBareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/ping`, close: () => new Promise((r) => server.close(() => r())) };
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

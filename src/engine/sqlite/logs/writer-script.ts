/**
 * Where the log writer thread's script is: next to the bundle (dist/sqlite-log-writer.js, see
 * scripts/build.mjs), or, running from source (tests under tsx, which a worker's entry module
 * cannot use on Node 20), bundled once per process into node_modules/.cache, content-addressed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFromSource } from '../../../shared/source-bundle';

const BUNDLE = 'sqlite-log-writer.js';
const runningFromSource = import.meta.url.endsWith('.ts');
let compiled: Promise<URL> | undefined;

export function logWriterScript(): Promise<URL> {
  if (!runningFromSource) return Promise.resolve(new URL(`./${BUNDLE}`, import.meta.url));
  compiled ??= compileFromSource();
  return compiled;
}

async function compileFromSource(): Promise<URL> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const urls = await bundleFromSource('stratus-log-writer', { 'sqlite-log-writer': path.join(here, 'writer-worker.ts') });
  return urls['sqlite-log-writer'];
}

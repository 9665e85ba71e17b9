/**
 * Where the worker and loader-hook scripts are. Bundled (dist/cli.js), they sit next to the
 * bundle: dist/node-worker.js, dist/node-loader-hooks.js (scripts/build.mjs). From source (tests
 * under tsx), they are bundled here once per process with the same esbuild settings into
 * node_modules/.cache, content-addressed: workers then start as fast as in production and
 * never need tsx (which a worker's entry module cannot use on Node 20 anyway).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFromSource, nearestPackageRoot } from '../../shared/source-bundle';

export interface RuntimeScripts {
  workerUrl: URL;
  hooksUrl: string;
}

const WORKER_BUNDLE = 'node-worker.js';
const HOOKS_BUNDLE = 'node-loader-hooks.js';
const runningFromSource = import.meta.url.endsWith('.ts');
let compiled: Promise<RuntimeScripts> | undefined;

export function runtimeScripts(): Promise<RuntimeScripts> {
  if (!runningFromSource) {
    return Promise.resolve({
      workerUrl: new URL(`./${WORKER_BUNDLE}`, import.meta.url),
      hooksUrl: new URL(`./${HOOKS_BUNDLE}`, import.meta.url).href,
    });
  }
  compiled ??= compileFromSource();
  return compiled;
}

/** The directory of Stratus's package.json: its node_modules serve the runtime's own packages. */
export const stratusPackageRoot = nearestPackageRoot;

async function compileFromSource(): Promise<RuntimeScripts> {
  const sourceDir = path.dirname(fileURLToPath(import.meta.url));
  const urls = await bundleFromSource('stratus-node-runtime', {
    'node-worker': path.join(sourceDir, 'worker.ts'),
    'node-loader-hooks': path.join(sourceDir, 'loader-hooks.ts'),
  });
  return { workerUrl: urls['node-worker'], hooksUrl: urls['node-loader-hooks'].href };
}

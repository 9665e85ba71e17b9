/**
 * Where the worker and loader-hook scripts are. Bundled (dist/cli.js), they sit next to the
 * bundle: dist/node-worker.js, dist/node-loader-hooks.js (scripts/build.mjs). From source (tests
 * under tsx), they are bundled here once per process with the same esbuild settings into
 * node_modules/.cache, content-addressed: workers then start as fast as in production and
 * never need tsx (which a worker's entry module cannot use on Node 20 anyway).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
export function stratusPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return dir;
}

async function compileFromSource(): Promise<RuntimeScripts> {
  const { build } = await import('esbuild');
  const sourceDir = path.dirname(fileURLToPath(import.meta.url));
  const result = await build({
    entryPoints: { 'node-worker': path.join(sourceDir, 'worker.ts'), 'node-loader-hooks': path.join(sourceDir, 'loader-hooks.ts') },
    outdir: '/stratus-virtual-out',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const hash = createHash('sha256');
  for (const file of result.outputFiles) hash.update(file.path).update(file.contents);
  const dir = path.join(stratusPackageRoot(), 'node_modules', '.cache', 'stratus-node-runtime', hash.digest('hex').slice(0, 16));
  fs.mkdirSync(dir, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(path.join(dir, path.basename(file.path)), file.contents);
  return {
    workerUrl: pathToFileURL(path.join(dir, WORKER_BUNDLE)),
    hooksUrl: pathToFileURL(path.join(dir, HOOKS_BUNDLE)).href,
  };
}

/** Test files run in parallel processes: never let one read another's half-written file. */
function writeAtomically(file: string, contents: Uint8Array): void {
  if (fs.existsSync(file)) return;
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, file);
}

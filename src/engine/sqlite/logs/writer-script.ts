/**
 * Where the log writer thread's script is: next to the bundle (dist/sqlite-log-writer.js, see
 * scripts/build.mjs), or, running from source (tests under tsx, which a worker's entry module
 * cannot use on Node 20), bundled once per process into node_modules/.cache, content-addressed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BUNDLE = 'sqlite-log-writer.js';
const runningFromSource = import.meta.url.endsWith('.ts');
let compiled: Promise<URL> | undefined;

export function logWriterScript(): Promise<URL> {
  if (!runningFromSource) return Promise.resolve(new URL(`./${BUNDLE}`, import.meta.url));
  compiled ??= compileFromSource();
  return compiled;
}

async function compileFromSource(): Promise<URL> {
  const { build } = await import('esbuild');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const result = await build({
    entryPoints: [path.join(here, 'writer-worker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const contents = result.outputFiles[0].contents;
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 16);
  const dir = path.join(packageRoot(here), 'node_modules', '.cache', 'stratus-log-writer', hash);
  const file = path.join(dir, BUNDLE);
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(file)) {
    // Parallel test processes: never let one read another's half-written file.
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, contents);
    fs.renameSync(temp, file);
  }
  return pathToFileURL(file);
}

function packageRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return dir;
}

/**
 * Running from source (tests under tsx), a worker thread's entry module cannot be TypeScript on
 * Node 20: its scripts are bundled here once per process with the settings of scripts/build.mjs
 * into node_modules/.cache/<cache>/<content hash>/, so workers start as fast as in production.
 * Used by the Node runtime's worker scripts and the SQLite log writer thread.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bundles each entry (output name → source path) and returns `<name>.js` file URLs by name. */
export async function bundleFromSource<Name extends string>(cache: string, entryPoints: Record<Name, string>): Promise<Record<Name, URL>> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints,
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
  const dir = path.join(nearestPackageRoot(), 'node_modules', '.cache', cache, hash.digest('hex').slice(0, 16));
  fs.mkdirSync(dir, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(path.join(dir, path.basename(file.path)), file.contents);
  const urls = {} as Record<Name, URL>;
  for (const name of Object.keys(entryPoints) as Name[]) urls[name] = pathToFileURL(path.join(dir, `${name}.js`));
  return urls;
}

/** The directory of the nearest package.json above this module: Stratus's own. */
export function nearestPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return dir;
}

/** Test files run in parallel processes: never let one read another's half-written file. */
function writeAtomically(file: string, contents: Uint8Array): void {
  if (fs.existsSync(file)) return;
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, file);
}

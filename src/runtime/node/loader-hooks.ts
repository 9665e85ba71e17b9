/**
 * ESM loader hooks registered (module.register) inside a worker whose handler is loaded with
 * `import`. They give ES modules what Lambda gives them and plain Node does not:
 * - bare specifiers the handler's folders lack are looked up in the layers' node_modules (ESM
 *   ignores NODE_PATH), then, for the runtime prefixes (`@aws-sdk/`), in Stratus's own packages;
 * - TypeScript files are compiled per file by esbuild (in the main thread, see typescript.ts)
 *   when loaded. Per-file transform rather than
 *   a bundle keeps each file's real URL, so `import.meta.url`, relative paths and node_modules
 *   lookups behave as for the compiled output `sam build` would produce next to the source; and
 *   nothing is cached, so a fresh worker always sees the files' current content.
 * Bundled to dist/node-loader-hooks.js; keep its imports light.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LoaderHooksData } from './protocol';
import { isBareSpecifier, matchesRuntimePrefix } from './worker/specifiers';
import { createCompileClient, isTypeScriptUrl } from './worker/compile-client';

interface ResolveContext {
  parentURL?: string;
  conditions?: string[];
  importAttributes?: Record<string, string>;
}
interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<ResolveResult>;
interface LoadResult {
  format: string;
  source?: string | ArrayBuffer | Uint8Array;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context?: { format?: string | null }) => Promise<LoadResult>;

let settings: LoaderHooksData = { layerNodeModules: [], runtimeModulePrefixes: [], runtimeModulesBase: '' };
let compileTypeScript: ((file: string, source: string) => Promise<string>) | undefined;

export function initialize(data: LoaderHooksData): void {
  settings = data;
  if (data.compilerPort) compileTypeScript = createCompileClient(data.compilerPort);
}

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<ResolveResult> {
  try {
    return await next(specifier, context);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    const found = await resolveFallback(specifier, context, next);
    if (found) return found;
    throw err;
  }
}

async function resolveFallback(specifier: string, context: ResolveContext, next: NextResolve) {
  if (!isBareSpecifier(specifier)) return typeScriptSibling(specifier, context);
  const bases = settings.layerNodeModules.map((dir) => path.dirname(dir));
  if (matchesRuntimePrefix(specifier, settings.runtimeModulePrefixes)) bases.push(settings.runtimeModulesBase);
  for (const base of bases) {
    try {
      return await next(specifier, { ...context, parentURL: pathToFileURL(path.join(base, 'stratus-resolve.js')).href });
    } catch {
      // not in this one; try the next
    }
  }
  return undefined;
}

/** From TypeScript, `./lib` and `./lib.js` mean `./lib.ts` (as esbuild and tsc resolve them). */
function typeScriptSibling(specifier: string, context: ResolveContext): ResolveResult | undefined {
  if (!context.parentURL || !isTypeScriptUrl(context.parentURL) || !specifier.startsWith('.')) return undefined;
  const target = fileURLToPath(new URL(specifier, context.parentURL));
  const stem = target.replace(/\.(c|m)?js$/, '');
  const candidates = [
    target.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts').replace(/\.cjs$/, '.cts'),
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    `${stem}.js`,
    path.join(target, 'index.ts'),
    path.join(target, 'index.js'),
  ];
  const file = candidates.find((candidate) => fs.statSync(candidate, { throwIfNoEntry: false })?.isFile());
  return file ? { url: pathToFileURL(file).href, shortCircuit: true } : undefined;
}

export async function load(url: string, context: { format?: string | null }, next: NextLoad): Promise<LoadResult> {
  if (!isTypeScriptUrl(url) || !compileTypeScript) return next(url, context);
  const file = fileURLToPath(url);
  const source = await compileTypeScript(file, await fs.promises.readFile(file, 'utf8'));
  return { format: 'module', source, shortCircuit: true };
}

/**
 * Loads the user's module and finds the handler the way the Node runtime does (aws-lambda-nodejs-
 * runtime-interface-client, UserFunction.js): extensionless file, then `.js` via require unless
 * the nearest package.json says `"type": "module"`, then `.js` via import, `.mjs`, `.cjs`; finally
 * a node-style require, whose failure gives Lambda's "Cannot find module" message. TypeScript
 * (`.ts`, `.mts`, `.cts`, tried last as the Node 24 runtime does) is imported through our loader
 * hooks, which compile it with esbuild.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { handlerModuleBase, splitHandler, type HandlerParts } from '../../handler-path';
import { HandlerNotFound, ImportModuleError, MalformedHandlerName, UserCodeSyntaxError } from './errors';

export type Handler = (event: unknown, context: unknown, callback: unknown) => unknown;

const requireFromRuntime = createRequire(import.meta.url);

export async function loadHandler(codeDir: string, handlerString: string): Promise<Handler> {
  let parts: HandlerParts;
  try {
    parts = splitHandler(handlerString);
  } catch (err) {
    throw new MalformedHandlerName((err as Error).message);
  }
  const userModule = await loadUserModule(codeDir, parts);
  const handler = parts.exportPath
    .split('.')
    .reduce<unknown>((nested, key) => (nested ? (nested as Record<string, unknown>)[key] : undefined), userModule);
  if (!handler) throw new HandlerNotFound(`${handlerString} is undefined or not exported`);
  if (typeof handler !== 'function') throw new HandlerNotFound(`${handlerString} is not a function`);
  return handler as Handler;
}

async function loadUserModule(codeDir: string, parts: HandlerParts): Promise<unknown> {
  try {
    return await tryLoad(codeDir, parts);
  } catch (err) {
    if (err instanceof SyntaxError) throw new UserCodeSyntaxError(err);
    const code = (err as { code?: unknown } | null)?.code;
    // ESM reports ERR_MODULE_NOT_FOUND; Lambda reports both as Runtime.ImportModuleError.
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') throw new ImportModuleError(err);
    throw err;
  }
}

async function tryLoad(codeDir: string, parts: HandlerParts): Promise<unknown> {
  const base = handlerModuleBase(codeDir, parts);
  if (fs.existsSync(base)) return requireFromRuntime(base);
  const typeModule = hasTypeModule(path.dirname(base));
  if (!typeModule && fs.existsSync(base + '.js')) return requireFromRuntime(base + '.js');
  for (const ext of ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']) {
    if (ext === '.js' && !typeModule) continue;
    if (!fs.existsSync(base + ext)) continue;
    return ext === '.cjs' ? requireFromRuntime(base + ext) : import(pathToFileURL(base + ext).href);
  }
  const resolved = requireFromRuntime.resolve(parts.moduleName, {
    paths: [codeDir, path.join(codeDir, parts.moduleRoot)],
  });
  return requireFromRuntime(resolved);
}

/** How the runtime decides `.js` is ESM: nearest package.json, stopping at node_modules. */
export function hasTypeModule(folder: string): boolean {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (dir.endsWith(`${path.sep}node_modules`)) return false;
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        return JSON.parse(fs.readFileSync(manifest, 'utf8'))?.type === 'module';
      } catch {
        return false;
      }
    }
    if (dir === path.dirname(dir)) return false;
  }
}

/** Whether loading this handler goes through `import` (so the ESM resolve hooks are needed). */
export function needsEsmLoader(codeDir: string, handlerString: string): boolean {
  let base: string;
  try {
    base = handlerModuleBase(codeDir, splitHandler(handlerString));
  } catch {
    return false;
  }
  if (fs.existsSync(base)) return false;
  const typeModule = hasTypeModule(path.dirname(base));
  if (!typeModule && fs.existsSync(base + '.js')) return false;
  const esm = ['.js', '.mjs'].some((ext) => (ext !== '.js' || typeModule) && fs.existsSync(base + ext));
  const cjs = fs.existsSync(base + '.cjs');
  const ts = ['.ts', '.mts', '.cts'].some((ext) => fs.existsSync(base + ext));
  return esm || (!cjs && ts);
}

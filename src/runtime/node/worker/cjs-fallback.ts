/**
 * CommonJS resolution as on Lambda. Layers reach `require` through NODE_PATH (re-read here: the
 * worker's environment is its own). The runtime's bundled packages (Lambda's
 * /var/runtime/node_modules, e.g. the AWS SDK v3) are tried only after the handler's own
 * node_modules failed, and only for the configured prefixes, so a bundled copy always wins.
 */
import Module from 'node:module';
import type { LoaderHooksData } from '../protocol';
import { isBareSpecifier, matchesRuntimePrefix } from './specifiers';

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: { paths?: string[] }) => string;

interface ModuleInternals {
  _initPaths(): void;
  _resolveFilename: ResolveFilename;
}

export function installCommonJsFallback(data: LoaderHooksData): void {
  const internals = Module as unknown as ModuleInternals;
  internals._initPaths();
  if (data.runtimeModulePrefixes.length === 0) return;
  const original = internals._resolveFilename;
  internals._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (err) {
      const notFound = (err as { code?: string }).code === 'MODULE_NOT_FOUND';
      if (!notFound || !isBareSpecifier(request) || !matchesRuntimePrefix(request, data.runtimeModulePrefixes)) throw err;
      try {
        return original.call(this, request, parent, isMain, { paths: [data.runtimeModulesBase] });
      } catch {
        throw err;
      }
    }
  };
}

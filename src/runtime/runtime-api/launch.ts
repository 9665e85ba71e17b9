/**
 * How a process runtime is started, and how a function's layers map onto search paths.
 * Lambda extracts layers into /opt in template order (a later layer overwrites an earlier one's
 * files) and puts /opt/bin on PATH, /opt/lib on LD_LIBRARY_PATH, /opt/python on sys.path.
 * Stratus has one folder per layer instead of a merged /opt, so it lists the later layers first.
 * Reference: Lambda Developer Guide, "Layer paths for each Lambda runtime" and "Defined runtime
 * environment variables" (PATH ends with /opt/bin, LD_LIBRARY_PATH with /var/task/lib:/opt/lib).
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { InstanceContext } from '../types';

export interface LaunchSpec {
  command: string;
  args: string[];
  /** Variables added to (or replacing) the caller's environment. */
  env: Record<string, string>;
  /** The runtime writes framed log events to fd 3 (_LAMBDA_TELEMETRY_LOG_FD), as managed runtimes do. */
  telemetryFd: boolean;
}

export type LaunchPlan =
  | { ok: true; spec: LaunchSpec }
  /** The runtime cannot even start; reported on the first invoke as `RequestId: … Error: <detail>`. */
  | { ok: false; errorType: string; detail: string };

export interface RuntimeLauncher {
  supports(runtime: string): boolean;
  plan(ctx: InstanceContext): Promise<LaunchPlan>;
}

/** Existing `<layer>/<sub>` folders, the layer that wins a file conflict (the last one) first. */
export function layerFolders(layerDirs: readonly string[], sub: string): string[] {
  return [...layerDirs]
    .reverse()
    .map((dir) => join(dir, sub))
    .filter((dir) => existsSync(dir));
}

/** The caller's PATH with Lambda's /opt/bin replaced by the layers' bin folders (kept last, as on Lambda). */
export function pathWithLayers(ctx: InstanceContext): string {
  const base = (ctx.environment.PATH ?? process.env.PATH ?? '').split(delimiter).filter((p) => p && p !== '/opt/bin');
  return [...new Set([...base, ...layerFolders(ctx.spec.layerDirs, 'bin')])].join(delimiter);
}

/** The caller's LD_LIBRARY_PATH, then the code's lib/ and the layers' lib/ (Lambda: /var/task/lib:/opt/lib). */
export function libraryPathWithLayers(ctx: InstanceContext): string {
  const base = (ctx.environment.LD_LIBRARY_PATH ?? '').split(delimiter).filter((p) => p && !p.startsWith('/opt'));
  const code = join(ctx.spec.codeDir, 'lib');
  return [...base, ...(existsSync(code) ? [code] : []), ...layerFolders(ctx.spec.layerDirs, 'lib')].join(delimiter);
}

/** Variables every process runtime gets besides the caller's. */
export function commonRuntimeEnv(ctx: InstanceContext): Record<string, string> {
  const env: Record<string, string> = { PATH: pathWithLayers(ctx) };
  // An empty entry would mean "the current directory" to the dynamic loader: leave it unset.
  const libraryPath = libraryPathWithLayers(ctx);
  if (libraryPath) env.LD_LIBRARY_PATH = libraryPath;
  if (!ctx.environment._HANDLER) env._HANDLER = ctx.spec.handler;
  return env;
}

/**
 * Starts Python functions on the machine's `python3` with Stratus's own bootstrap (standard
 * library only), which speaks the Runtime API like Lambda's Python runtime client does.
 * sys.path order follows Lambda's python3.x runtimes: the code folder, then the layers'
 * `python/lib/python3.X/site-packages`, then the layers' `python/`.
 */
import { execFile } from 'node:child_process';
import { delimiter } from 'node:path';
import { promisify } from 'node:util';
import type { InstanceContext } from '../types';
import { commonRuntimeEnv, layerFolders, type LaunchPlan, type RuntimeLauncher } from '../runtime-api/launch';
import { pythonBootstrapPath } from './package-root';

/**
 * Address-space limit above MemorySize. Virtual size runs ahead of resident memory (thread
 * stacks, arenas), so the limit is only a backstop against runaway allocation; the exact Lambda
 * check (peak resident > MemorySize) happens when each invocation completes.
 */
export const PYTHON_ADDRESS_SPACE_HEADROOM_MB = 256;

export interface PythonLauncherOptions {
  /** Interpreter to run; default: the real executable behind `python3` on PATH. */
  pythonExecutable?: string;
}

export function createPythonLauncher(options: PythonLauncherOptions = {}): RuntimeLauncher {
  let interpreter: Promise<string> | undefined;
  return {
    supports: (runtime) => runtime.startsWith('python'),
    async plan(ctx: InstanceContext): Promise<LaunchPlan> {
      interpreter ??= options.pythonExecutable ? Promise.resolve(options.pythonExecutable) : realPython();
      const limitBytes = (ctx.spec.memoryMb + PYTHON_ADDRESS_SPACE_HEADROOM_MB) * 1024 * 1024;
      return {
        ok: true,
        spec: {
          command: await interpreter,
          // -B: Lambda's /var/task is read-only, and __pycache__ files would trip the code watcher.
          args: ['-B', pythonBootstrapPath(), String(limitBytes)],
          env: { ...commonRuntimeEnv(ctx), PYTHONPATH: pythonPath(ctx), _LAMBDA_TELEMETRY_LOG_FD: '3' },
          telemetryFd: true,
        },
      };
    },
  };
}

function pythonPath(ctx: InstanceContext): string {
  const version = /^python(\d+\.\d+)/.exec(ctx.spec.runtime)?.[1] ?? '3';
  return [
    ctx.spec.codeDir,
    ...layerFolders(ctx.spec.layerDirs, `python/lib/python${version}/site-packages`),
    ...layerFolders(ctx.spec.layerDirs, 'python'),
  ].join(delimiter);
}

/** Resolves shims (pyenv, asdf) once, so cwd-dependent version files cannot change the interpreter. */
async function realPython(): Promise<string> {
  const { stdout } = await promisify(execFile)('python3', ['-c', 'import sys; print(sys.executable)']);
  return stdout.trim();
}

/**
 * Starts custom runtimes (provided, provided.al2, provided.al2023): the function's own
 * executable `bootstrap`, found in the code folder (/var/task) or else in a layer (/opt).
 * Reference: Lambda Developer Guide, "Building a custom runtime" and troubleshooting
 * "Couldn't find valid bootstrap(s) (Runtime.InvalidEntrypoint)".
 */
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InstanceContext } from '../types';
import { commonRuntimeEnv, type LaunchPlan, type RuntimeLauncher } from '../runtime-api/launch';

/**
 * Address-space cap above MemorySize. Go and Java reserve far more virtual memory than they use,
 * so this is generous: a backstop against runaway allocation. The exact check (peak resident
 * memory > MemorySize → Runtime.OutOfMemory) runs when each invocation completes.
 */
export const PROVIDED_ADDRESS_SPACE_HEADROOM_MB = 4096;

const LAMBDA_TASK_BOOTSTRAP = '/var/task/bootstrap';
const LAMBDA_OPT_BOOTSTRAP = '/opt/bootstrap';

export function createProvidedLauncher(): RuntimeLauncher {
  return {
    supports: (runtime) => runtime === 'provided' || runtime.startsWith('provided.'),
    async plan(ctx: InstanceContext): Promise<LaunchPlan> {
      const found = findBootstrap(ctx);
      if (!found) {
        const detail = `Couldn't find valid bootstrap(s): [${LAMBDA_TASK_BOOTSTRAP} ${LAMBDA_OPT_BOOTSTRAP}]`;
        return { ok: false, errorType: 'Runtime.InvalidEntrypoint', detail };
      }
      if (!isExecutable(found.path)) {
        return { ok: false, errorType: 'Runtime.InvalidEntrypoint', detail: `fork/exec ${found.lambdaPath}: permission denied` };
      }
      const limitKib = (ctx.spec.memoryMb + PROVIDED_ADDRESS_SPACE_HEADROOM_MB) * 1024;
      return {
        ok: true,
        spec: {
          // `exec` keeps one process (same pid), so its memory and exit status are the runtime's.
          command: '/bin/sh',
          args: ['-c', `ulimit -v ${limitKib} 2>/dev/null; exec "$0" "$@"`, found.path],
          env: commonRuntimeEnv(ctx),
          telemetryFd: false,
        },
      };
    },
  };
}

interface FoundBootstrap {
  path: string;
  /** The same file as Lambda names it in its errors. */
  lambdaPath: string;
}

function findBootstrap(ctx: InstanceContext): FoundBootstrap | undefined {
  const own = join(ctx.spec.codeDir, 'bootstrap');
  if (isFile(own)) return { path: own, lambdaPath: LAMBDA_TASK_BOOTSTRAP };
  // /opt is the merged layers: a later layer's file wins.
  for (const layer of [...ctx.spec.layerDirs].reverse()) {
    const candidate = join(layer, 'bootstrap');
    if (isFile(candidate)) return { path: candidate, lambdaPath: LAMBDA_OPT_BOOTSTRAP };
  }
  return undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

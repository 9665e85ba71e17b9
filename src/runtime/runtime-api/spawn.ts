/**
 * Spawns a runtime process as the leader of its own process group, so that a timeout or dispose
 * can kill everything it started (a bash bootstrap's curl included), as Lambda tears down the
 * whole sandbox.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { InstanceContext } from '../types';
import type { LaunchSpec } from './launch';

export function spawnRuntime(ctx: InstanceContext, launch: LaunchSpec, runtimeApi: string): ChildProcess {
  return spawn(launch.command, launch.args, {
    cwd: ctx.spec.codeDir,
    env: { ...ctx.environment, ...launch.env, AWS_LAMBDA_RUNTIME_API: runtimeApi },
    stdio: ['ignore', 'pipe', 'pipe', launch.telemetryFd ? 'pipe' : 'ignore'],
    detached: true,
  });
}

export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

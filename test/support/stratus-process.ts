/**
 * Runs the real `stratus` binary as a user would, and reads what it prints. Used by every
 * end-to-end test; each started process is killed when the test's `after` hook runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';

export const REPO = resolve(import.meta.dirname, '../..');
export const BIN = join(REPO, 'bin/stratus.js');

export interface StratusProcess {
  child: ChildProcess;
  /** Everything printed on stdout so far. */
  stdout(): string;
  stderr(): string;
  /** API URLs in banner order, keyed by the API's logical id. */
  apis: Record<string, string>;
  edgeUrl: string;
  stateDir: string;
  /** Resolves when a stdout line matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function tempDir(prefix = 'stratus-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startStratus(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stateDir?: string } = {}): Promise<StratusProcess> {
  const stateDir = options.stateDir ?? tempDir();
  const child = spawn(process.execPath, [BIN, 'start', ...args, '--port', '0', '--edge-port', '0', '--state-dir', stateDir], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const l of listeners) l();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const proc: StratusProcess = {
    child,
    stdout: () => out,
    stderr: () => err,
    apis: {},
    edgeUrl: '',
    stateDir,
    waitFor(pattern, timeoutMs = 15_000) {
      return new Promise((resolveMatch, reject) => {
        const check = () => {
          const m = out.match(pattern);
          if (m) {
            cleanup();
            resolveMatch(m);
          }
        };
        const onExit = () => {
          cleanup();
          reject(new Error(`stratus exited before printing ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
  await proc.waitFor(/Ready in \d+ ms/);
  for (const m of out.matchAll(/(?:REST|HTTP) API (\w+): (http:\/\/\S+)/g)) proc.apis[m[1]] = m[2];
  proc.edgeUrl = out.match(/AWS endpoints: (http:\/\/\S+)/)?.[1] ?? '';
  return proc;
}

/** Runs `stratus <args>` to completion. */
export async function runStratus(
  args: string[],
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

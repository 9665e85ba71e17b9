/**
 * Stratus as a library: `startApp` on a fixture template with an adjustable clock, for scenario
 * tests that move time. Everything runs for real (engine file, workers, services).
 */
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/app/app';
import { AdjustableClock } from '../../src/shared/clock';
import type { LogEventInput } from '../../src/engine/types';
import { REPO, tempDir, removeDir } from './stratus-process';

export interface LibraryApp {
  app: RunningApp;
  clock: AdjustableClock;
  /** Every log line written so far. */
  lines: LogEventInput[];
  /** Resolves when a log line of `fn` matches; polls what was written (test-side waiting). */
  waitForLine(fn: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startLibraryApp(fixture: string): Promise<LibraryApp> {
  const stateDir = tempDir();
  const clock = new AdjustableClock();
  const app = await startApp(
    {
      templatePath: join(REPO, fixture, 'template.yaml'),
      host: '127.0.0.1',
      port: 0,
      edgePort: 0,
      stateDir,
      engineUrl: `sqlite:${join(stateDir, 'stratus.db')}`,
      region: 'us-east-1',
      accountId: '000000000000',
      parameterOverrides: {},
      envVars: {},
      hotReload: false,
    },
    clock,
  );
  const lines: LogEventInput[] = [];
  const unsubscribe = app.logs.subscribe((e) => lines.push(e));
  return {
    app,
    clock,
    lines,
    async waitForLine(fn, pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = lines.find((l) => l.group === `/aws/lambda/${fn}` && pattern.test(l.message));
        if (hit) return hit.message;
        if (Date.now() > deadline) throw new Error(`no ${fn} line matching ${pattern}; got:\n${lines.map((l) => l.message).join('\n')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      unsubscribe();
      await app.close();
      removeDir(stateDir);
    },
  };
}

/** Polls `check` until it returns a value (test-side waiting for asynchronous work). */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

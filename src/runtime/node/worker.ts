/**
 * Entry point of one function instance's worker thread: Lambda's Node runtime in miniature.
 * It patches the console, installs module resolution, loads the handler at once (init), then
 * runs invocations the driver sends, one at a time. Bundled to dist/node-worker.js.
 */
import { register } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { InvokeMessage, WorkerBootData, WorkerMessage } from './protocol';
import { installCommonJsFallback } from './worker/cjs-fallback';
import { captureStream, currentRequestId, logRuntimeError, patchConsole } from './worker/console';
import { toRapidResponse, UnhandledPromiseRejection } from './worker/errors';
import { runInvocation, type Outcome } from './worker/invocation';
import { loadHandler, type Handler } from './worker/load-handler';
import { sampleMemory } from './worker/memory';

/** Exit codes the runtime uses after reporting an uncaught exception / unhandled rejection. */
const EXIT_UNCAUGHT_EXCEPTION = 129;
const EXIT_UNHANDLED_REJECTION = 128;

const boot = workerData as WorkerBootData;
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);
const now = () => performance.timeOrigin + performance.now();

patchConsole((line) => post({ type: 'log', line }));
const flushStdout = captureStream(process.stdout, (line) => post({ type: 'log', line }));
const flushStderr = captureStream(process.stderr, (line) => post({ type: 'log', line }));
installCommonJsFallback(boot.hooksData);
if (boot.hooksUrl) {
  const transferList = boot.hooksData.compilerPort ? [boot.hooksData.compilerPort] : [];
  register(boot.hooksUrl, { data: boot.hooksData, transferList });
}

let inFlight: string | undefined;
let loopEmptyListener: (() => void) | undefined;
let startedAt = 0;
process.on('beforeExit', () => loopEmptyListener?.());
installFatalHandlers();

const init: Promise<{ handler: Handler } | { error: unknown }> = loadHandler(boot.codeDir, boot.handler).then(
  (handler) => ({ handler }),
  (error: unknown) => {
    logRuntimeError('Uncaught Exception', error);
    return { error };
  },
);
void init.then(() => post({ type: 'initialized', initDurationMs: now() - boot.spawnedAt, maxMemoryUsedMb: sampleMemory() }));

port.on('message', (message: InvokeMessage) => void handleInvoke(message));

async function handleInvoke(invoke: InvokeMessage): Promise<void> {
  const loaded = await init;
  inFlight = invoke.requestId;
  startedAt = now();
  if ('error' in loaded) {
    return deliver(invoke.requestId, { ok: false, error: toRapidResponse(loaded.error) }, true);
  }
  // Let the worker's loop run dry while the handler works; see invocation.ts.
  port.unref();
  let completed = false;
  runInvocation(loaded.handler, invoke, {
    onLoopEmpty: (listener) => {
      loopEmptyListener = listener;
    },
    complete: (outcome) => {
      if (completed) return;
      completed = true;
      // One turn later, so an unhandled rejection left by the handler still fails this invocation.
      setImmediate(() => deliver(invoke.requestId, outcome));
    },
  });
}

function deliver(requestId: string, outcome: Outcome, initFailed = false): void {
  if (inFlight !== requestId) return;
  inFlight = undefined;
  loopEmptyListener = undefined;
  port.ref();
  flushStdout();
  flushStderr();
  const maxMemoryUsedMb = sampleMemory();
  const durationMs = now() - startedAt;
  const result = outcome.ok ? outcome : { ...outcome, initFailed };
  post({ type: 'result', requestId, outcome: result, durationMs, maxMemoryUsedMb });
}

function installFatalHandlers(): void {
  const fatal = (label: string, error: unknown, exitCode: number) => {
    logRuntimeError(label, error);
    flushStdout();
    flushStderr();
    const requestId = inFlight ?? currentRequestId();
    inFlight = undefined;
    post({ type: 'fatal', requestId, error: toRapidResponse(error), maxMemoryUsedMb: sampleMemory() });
    process.exit(exitCode);
  };
  process.on('uncaughtException', (error) => fatal('Uncaught Exception', error, EXIT_UNCAUGHT_EXCEPTION));
  process.on('unhandledRejection', (reason) =>
    fatal('Unhandled Promise Rejection', new UnhandledPromiseRejection(reason), EXIT_UNHANDLED_REJECTION),
  );
}

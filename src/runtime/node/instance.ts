/**
 * One warm Node function instance = one worker thread, one invocation at a time. The main thread
 * only passes messages and enforces what the platform enforces: the timeout (terminate the
 * worker), the memory size (V8 resource limits: the worker dies alone with
 * ERR_WORKER_OUT_OF_MEMORY) and process exits. Any of these makes the instance dead.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import type { FunctionInstance, InstanceContext, InvocationRequest, InvocationResult, LambdaErrorShape } from '../types';
import { exitError, outOfMemoryError, timeoutError } from './platform-errors';
import type { InvokeMessage, ResultMessage, WorkerMessage } from './protocol';

interface Pending {
  requestId: string;
  startedAt: number;
  timeoutMs: number;
  timer: NodeJS.Timeout;
  resolve(result: InvocationResult): void;
}

export class NodeFunctionInstance implements FunctionInstance {
  readonly id = randomUUID();
  #dead = false;
  #outOfMemory = false;
  #pending: Pending | undefined;
  #maxMemoryUsedMb = 0;
  /** Reported with the first invocation's result, whatever its outcome. */
  #initDurationMs: number | undefined;

  constructor(
    private readonly worker: Worker,
    private readonly ctx: InstanceContext,
  ) {
    worker.on('message', (message: WorkerMessage) => this.#onMessage(message));
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') this.#outOfMemory = true;
    });
    worker.on('exit', (code) => this.#onExit(code));
    this.#forwardRawOutput(worker.stdout);
    this.#forwardRawOutput(worker.stderr);
  }

  get dead(): boolean {
    return this.#dead;
  }

  invoke(request: InvocationRequest): Promise<InvocationResult> {
    if (this.#dead) {
      return Promise.resolve(this.#failure('crash', exitError(request.requestId, 0), performance.now()));
    }
    if (this.#pending) {
      return Promise.reject(new Error(`Instance ${this.id} is already running ${this.#pending.requestId}`));
    }
    return new Promise((resolve) => {
      const startedAt = performance.now();
      const timeoutMs = Math.max(0, request.deadline - Date.now());
      const timer = setTimeout(() => this.#onTimeout(), timeoutMs);
      this.#pending = { requestId: request.requestId, startedAt, timeoutMs, timer, resolve };
      const message: InvokeMessage = { type: 'invoke', ...request };
      this.worker.postMessage(message);
    });
  }

  async dispose(): Promise<void> {
    this.#dead = true;
    const pending = this.#settle();
    pending?.resolve(this.#failure('crash', exitError(pending.requestId, 0), pending.startedAt));
    await this.worker.terminate();
  }

  #onMessage(message: WorkerMessage): void {
    if (message.type === 'log') return this.ctx.onLog(message.line);
    this.#maxMemoryUsedMb = Math.max(this.#maxMemoryUsedMb, message.maxMemoryUsedMb);
    if (message.type === 'initialized') {
      this.#initDurationMs = message.initDurationMs;
      return;
    }
    if (message.type === 'result') return this.#onResult(message);
    // fatal: the runtime reported an uncaught error and is exiting.
    this.#dead = true;
    const pending = this.#settle();
    pending?.resolve(this.#failure('crash', message.error, pending.startedAt));
  }

  #onResult(message: ResultMessage): void {
    const pending = this.#settle();
    if (!pending) return;
    const initDurationMs = this.#takeInitDuration();
    const timing = { durationMs: message.durationMs, maxMemoryUsedMb: this.#maxMemoryUsedMb, ...(initDurationMs === undefined ? {} : { initDurationMs }) };
    if (message.outcome.ok) {
      return pending.resolve({ status: 'success', payload: message.outcome.payload, ...timing });
    }
    // A failed init leaves no usable runtime: Lambda re-runs init on the next invoke.
    if (message.outcome.initFailed) this.#kill();
    const kind = message.outcome.initFailed ? 'crash' : 'handled';
    pending.resolve({ status: 'error', kind, error: message.outcome.error, ...timing });
  }

  #onTimeout(): void {
    const pending = this.#settle();
    if (!pending) return;
    this.#kill();
    pending.resolve(this.#failure('timeout', timeoutError(pending.requestId, pending.timeoutMs), pending.startedAt));
  }

  #onExit(code: number): void {
    this.#dead = true;
    const pending = this.#settle();
    if (!pending) return;
    const error = this.#outOfMemory ? outOfMemoryError(pending.requestId) : exitError(pending.requestId, code);
    pending.resolve(this.#failure('crash', error, pending.startedAt));
  }

  #settle(): Pending | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) clearTimeout(pending.timer);
    return pending;
  }

  #kill(): void {
    this.#dead = true;
    void this.worker.terminate();
  }

  #failure(kind: 'handled' | 'timeout' | 'crash', error: LambdaErrorShape, startedAt: number): InvocationResult {
    const durationMs = performance.now() - startedAt;
    const result: InvocationResult = { status: 'error', kind, error, durationMs, maxMemoryUsedMb: this.#maxMemoryUsedMb };
    const initDurationMs = this.#takeInitDuration();
    if (initDurationMs !== undefined) result.initDurationMs = initDurationMs;
    return result;
  }

  #takeInitDuration(): number | undefined {
    const value = this.#initDurationMs;
    this.#initDurationMs = undefined;
    return value;
  }

  /** Output that bypassed the patched streams (rare: native writes) still reaches the logs. */
  #forwardRawOutput(stream: Readable | null): void {
    if (!stream) return;
    createInterface({ input: stream }).on('line', (message) => this.ctx.onLog({ timestamp: Date.now(), message }));
  }
}

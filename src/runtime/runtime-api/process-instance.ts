/**
 * One execution environment backed by a child process that speaks the Lambda Runtime API: the
 * process is started once (cold start) and serves invocations one at a time until it dies, times
 * out or is disposed (warm reuse keeps module state, as on Lambda).
 *
 * Lifecycle as Lambda runs it: INIT lasts from spawn to the runtime's first GET /next (that span
 * is Init Duration); an invocation's time budget starts when it is handed to the runtime, so a
 * cold start's init does not eat into the function timeout. A runtime that posts /init/error,
 * exits, or does not reach /next within Lambda's 10 s init limit fails the first invocation.
 */
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FunctionInstance, InstanceContext, InvocationRequest, InvocationResult, LambdaErrorShape } from '../types';
import { INIT_PHASE_TIMEOUT_MS } from './constants';
import type { LaunchPlan } from './launch';
import { kibToMb, peakResidentKib } from './memory';
import { LineSplitter, TelemetryFrameReader } from './output';
import {
  invalidEntrypointError,
  platformErrorLogLine,
  runtimeExitError,
  timeoutError,
  type ExitStatus,
} from './platform-errors';
import { RuntimeApiServer, type RuntimeApiListener } from './server';
import { killGroup, spawnRuntime } from './spawn';
import { newTraceHeader } from './trace-id';
import { settleInvocation, type InvocationEvent } from './outcome';

/** Why the environment could not serve: builds the error for the invocation that finds out. */
interface Failure {
  kind: 'crash' | 'timeout';
  error: (requestId: string) => LambdaErrorShape;
  /** The runtime reported it (/init/error) and logged it itself: Lambda adds no platform line. */
  reportedByRuntime?: boolean;
}

const DISPOSE_WAIT_MS = 2_000;

export class ProcessInstance implements FunctionInstance {
  readonly id = randomUUID();
  private child: ChildProcess | undefined;
  private server: RuntimeApiServer | undefined;
  private spawnedAt = 0;
  private initDurationMs: number | undefined;
  private initReported = false;
  private readonly initOutcome: Promise<Failure | undefined>;
  private resolveInit!: (failure: Failure | undefined) => void;
  private initTimer: NodeJS.Timeout | undefined;
  private failure: Failure | undefined;
  private exit: ExitStatus | undefined;
  private readonly exited: Promise<void>;
  private markExited!: () => void;
  private settle: ((event: InvocationEvent) => void) | undefined;
  private currentRequestId: string | undefined;
  private peakKib: number | undefined;
  private splitters: LineSplitter[] = [];
  private busy = false;
  private disposed = false;
  /** Killed by Stratus (timeout, out of memory, failed init): dead before the exit is even seen. */
  private terminated = false;

  private constructor(
    private readonly ctx: InstanceContext,
    private readonly onDisposed: () => void,
  ) {
    this.initOutcome = new Promise((resolve) => (this.resolveInit = resolve));
    this.exited = new Promise((resolve) => (this.markExited = resolve));
  }

  /** `onDisposed` lets the driver forget the instance. */
  static async start(ctx: InstanceContext, plan: LaunchPlan, onDisposed: () => void = () => {}): Promise<ProcessInstance> {
    const instance = new ProcessInstance(ctx, onDisposed);
    if (!plan.ok) {
      const { errorType, detail } = plan;
      instance.fail({ kind: 'crash', error: (id) => ({ ...invalidEntrypointError(id, detail), errorType }) });
      instance.markExited();
      return instance;
    }
    instance.server = await RuntimeApiServer.start(instance.listener());
    instance.launch(plan.spec);
    return instance;
  }

  get dead(): boolean {
    return this.disposed || this.terminated || this.exit !== undefined || this.failure !== undefined;
  }

  async invoke(request: InvocationRequest): Promise<InvocationResult> {
    if (this.busy) throw new Error(`instance ${this.id} is already running an invocation`);
    this.busy = true;
    try {
      return await this.run(request);
    } finally {
      this.busy = false;
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.onDisposed();
    clearTimeout(this.initTimer);
    this.settle?.({ type: 'disposed' });
    if (this.child) killGroup(this.child);
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, DISPOSE_WAIT_MS).unref())]);
    this.child?.stdout?.destroy();
    this.child?.stderr?.destroy();
    this.child?.stdio[3]?.destroy();
    await this.server?.close();
  }

  private async run(request: InvocationRequest): Promise<InvocationResult> {
    const calledAt = performance.now();
    const budgetMs = Math.max(0, request.deadline - Date.now());
    const failure = this.failure ?? (await this.initOutcome) ?? this.failure;
    const initDurationMs = this.takeInitDuration();
    if (failure || this.dead) {
      const reason = failure ?? { kind: 'crash', error: (id: string) => runtimeExitError(id, this.exit ?? { code: null, signal: 'SIGKILL' }) };
      return this.failed(request.requestId, reason, performance.now() - calledAt, initDurationMs);
    }
    this.currentRequestId = request.requestId;
    const startedAt = performance.now();
    const event = await new Promise<InvocationEvent>((resolve) => {
      const timer = setTimeout(() => resolve({ type: 'timeout' }), budgetMs);
      this.settle = (e) => {
        clearTimeout(timer);
        resolve(e);
      };
      this.server!.dispatch({
        requestId: request.requestId,
        payload: request.payload,
        deadline: Date.now() + budgetMs,
        invokedFunctionArn: request.invokedFunctionArn,
        traceId: newTraceHeader(),
        clientContext: request.clientContext,
      });
    });
    this.settle = undefined;
    const durationMs = performance.now() - startedAt;
    await this.refreshPeak();
    const outcome = settleInvocation(event, {
      requestId: request.requestId,
      memoryMb: this.ctx.spec.memoryMb,
      peakKib: this.peakKib,
      killedByUs: this.disposed,
      durationMs,
      budgetMs,
    });
    if (outcome.terminate) this.terminate();
    await nextTurn(); // lets output already in the pipes reach the log before the invocation ends
    for (const s of this.splitters) s.flush();
    if (outcome.logLine) this.log(outcome.logLine, request.requestId);
    this.currentRequestId = undefined;
    return { ...outcome.result, initDurationMs, maxMemoryUsedMb: outcome.maxMemoryUsedMb ?? this.peakMb() } as InvocationResult;
  }

  private failed(requestId: string, failure: Failure, durationMs: number, initDurationMs: number | undefined): InvocationResult {
    this.fail(failure);
    this.terminate();
    const error = failure.error(requestId);
    if (failure.kind === 'crash' && !failure.reportedByRuntime) this.log(platformErrorLogLine(error), requestId);
    return { status: 'error', kind: failure.kind, error, durationMs, initDurationMs, maxMemoryUsedMb: this.peakMb() };
  }

  private listener(): RuntimeApiListener {
    return {
      nextRequested: () => {
        if (this.initDurationMs !== undefined) return;
        this.initDurationMs = performance.now() - this.spawnedAt;
        clearTimeout(this.initTimer);
        void this.refreshPeak().then(() => this.resolveInit(undefined));
      },
      response: (requestId, body) => this.settle?.({ type: 'response', requestId, body }),
      responseTooLarge: (requestId, size) => this.settle?.({ type: 'tooLarge', requestId, size }),
      invocationError: (requestId, error) => this.settle?.({ type: 'error', requestId, error }),
      initError: (error) => this.resolveInit({ kind: 'crash', error: () => error, reportedByRuntime: true }),
    };
  }

  private launch(spec: Extract<LaunchPlan, { ok: true }>['spec']): void {
    this.spawnedAt = performance.now();
    const child = spawnRuntime(this.ctx, spec, this.server!.address);
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      const splitter = new LineSplitter((message) => this.log(message));
      splitter.attach(stream!);
      this.splitters.push(splitter);
    }
    const telemetry = child.stdio[3];
    if (telemetry) new TelemetryFrameReader((message, at) => this.log(message, this.currentRequestId, at)).attach(telemetry as Readable);
    child.on('exit', (code, signal) => this.onExit({ code, signal }));
    child.on('error', (err: NodeJS.ErrnoException) => {
      const detail = `fork/exec ${spec.command}: ${err.code ?? err.message}`;
      this.resolveInit({ kind: 'crash', error: (id) => invalidEntrypointError(id, detail) });
      this.onExit({ code: null, signal: null });
    });
    this.initTimer = setTimeout(() => {
      this.resolveInit({ kind: 'timeout', error: (id) => timeoutError(id, INIT_PHASE_TIMEOUT_MS) });
      this.terminate();
    }, INIT_PHASE_TIMEOUT_MS);
    this.initTimer.unref();
  }

  private onExit(exit: ExitStatus): void {
    if (this.exit) return;
    this.exit = exit;
    clearTimeout(this.initTimer);
    this.resolveInit({ kind: 'crash', error: (id) => runtimeExitError(id, exit) });
    this.settle?.({ type: 'exit', exit });
    this.markExited();
  }

  private takeInitDuration(): number | undefined {
    if (this.initReported) return undefined;
    this.initReported = true;
    return this.initDurationMs ?? (this.spawnedAt ? performance.now() - this.spawnedAt : undefined);
  }

  private fail(failure: Failure): void {
    this.failure ??= failure;
  }

  private terminate(): void {
    this.terminated = true;
    this.server?.abandon();
    if (this.child) killGroup(this.child);
  }

  private async refreshPeak(): Promise<void> {
    this.peakKib = (await peakResidentKib(this.child?.pid)) ?? this.peakKib;
  }

  private peakMb(): number {
    return this.peakKib === undefined ? 0 : kibToMb(this.peakKib);
  }

  private log(message: string, requestId = this.currentRequestId, timestamp = Date.now()): void {
    this.ctx.onLog({ requestId, timestamp, message });
  }
}


/**
 * What the function services need from a runtime: a factory of instances that each run one
 * invocation at a time. Pools, concurrency and reuse live in services/functions, not here.
 */
import type { FunctionSpec } from '../template/model';

export interface InvocationRequest {
  requestId: string;
  /** The event as JSON text, exactly as the handler receives it. */
  payload: string;
  /** Epoch ms at which the invocation times out (drives getRemainingTimeInMillis). */
  deadline: number;
  /** Lambda client context / identity, JSON text, when given (mobile SDK fields). */
  clientContext?: string;
  /** ARN the function was invoked by. */
  invokedFunctionArn: string;
}

/**
 * The error payload a caller receives. Node runtimes send `trace`; Python sends `stackTrace` and
 * `requestId`. Runtimes pass their own shape through unchanged, hence the open record.
 */
export interface LambdaErrorShape {
  errorType: string;
  errorMessage: string;
  trace?: string[];
  [field: string]: unknown;
}

export type InvocationResult =
  | { status: 'success'; payload: string; durationMs: number; initDurationMs?: number; maxMemoryUsedMb: number }
  | {
      /** `handled`: the handler threw or rejected (Lambda's X-Amz-Function-Error: Unhandled is still what AWS sends); `timeout`; `crash`: the instance died (OOM, exit). */
      status: 'error';
      kind: 'handled' | 'timeout' | 'crash';
      error: LambdaErrorShape;
      durationMs: number;
      initDurationMs?: number;
      maxMemoryUsedMb: number;
    };

/** One line of output a handler wrote, already in Lambda's format for its runtime. */
export interface LogLine {
  requestId?: string;
  timestamp: number;
  message: string;
}

export interface InstanceContext {
  spec: FunctionSpec;
  /** Full environment the instance must see (Lambda's variables + the template's). */
  environment: Record<string, string>;
  /** Called for every line the instance prints (stdout and stderr). */
  onLog(line: LogLine): void;
}

export interface FunctionInstance {
  readonly id: string;
  /** Runs one invocation; never rejects for handler problems, only resolves with an error result. */
  invoke(request: InvocationRequest): Promise<InvocationResult>;
  /** True once the instance cannot take more invocations (crashed, timed out, disposed). */
  readonly dead: boolean;
  dispose(): Promise<void>;
}

export interface RuntimeDriver {
  /** Which runtimes this driver runs, e.g. (r) => r.startsWith('nodejs'). */
  supports(runtime: string): boolean;
  /** Starts a new instance (cold start). Init errors surface on the first invoke as Lambda does. */
  createInstance(ctx: InstanceContext): Promise<FunctionInstance>;
  close?(): Promise<void>;
}

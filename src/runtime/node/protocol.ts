/**
 * Messages between the driver (main thread) and one worker. Plain structured-clone data only.
 * Type-only module: nothing here ends up in either bundle.
 */
import type { MessagePort } from 'node:worker_threads';
import type { LambdaErrorShape, LogLine } from '../types';

/** Fixed at spawn through `workerData`. */
export interface WorkerBootData {
  handler: string;
  codeDir: string;
  /** URL of the module.register hooks file, or null when the handler needs none (CommonJS). */
  hooksUrl: string | null;
  hooksData: LoaderHooksData;
  /** Epoch ms (fractional) when the driver spawned the worker: start of Init Duration. */
  spawnedAt: number;
}

/** Passed to the loader hooks (`initialize`) and used by the CommonJS fallback alike. */
export interface LoaderHooksData {
  /** Layers' node_modules, searched for bare specifiers the handler's own folders lack. */
  layerNodeModules: string[];
  /** Bare-specifier prefixes served from the runtime's own node_modules (Lambda: /var/runtime). */
  runtimeModulePrefixes: string[];
  /** A directory whose node_modules lookup provides those (Stratus's package root). */
  runtimeModulesBase: string;
  /** Where TypeScript compile requests go (the main thread); absent when no hooks are needed. */
  compilerPort?: MessagePort;
}

export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  payload: string;
  deadline: number;
  clientContext?: string;
  invokedFunctionArn: string;
}

export type ParentMessage = InvokeMessage;

export interface LogMessage {
  type: 'log';
  line: LogLine;
}

export interface ResultMessage {
  type: 'result';
  requestId: string;
  outcome: { ok: true; payload: string } | { ok: false; error: LambdaErrorShape; initFailed?: boolean };
  /** Handler time only (init excluded), as Lambda's Duration. */
  durationMs: number;
  maxMemoryUsedMb: number;
}

/** Init finished (handler loaded, or failed to): Lambda's Init Duration, from spawn. */
export interface InitializedMessage {
  type: 'initialized';
  initDurationMs: number;
  maxMemoryUsedMb: number;
}

/** The runtime is going down (uncaught exception, unhandled rejection); it exits right after. */
export interface FatalMessage {
  type: 'fatal';
  requestId?: string;
  error: LambdaErrorShape;
  maxMemoryUsedMb: number;
}

export type WorkerMessage = LogMessage | InitializedMessage | ResultMessage | FatalMessage;

/**
 * Maps what happened during one invocation to Lambda's result: the runtime's response or error,
 * or a platform failure (timeout, exit, out of memory).
 *
 * Out of memory, as Lambda decides it: the runtime is killed when the environment's memory
 * exceeds MemorySize, so (1) a SIGKILL that Stratus did not send, and (2) a peak resident size
 * above MemorySize when the invocation completes, both end as Runtime.OutOfMemory with Max
 * Memory Used equal to MemorySize.
 */
import type { InvocationResult, LambdaErrorShape } from '../types';
import { outOfMemoryError, platformErrorLogLine, responseTooLargeError, runtimeExitError, timeoutError, type ExitStatus } from './platform-errors';

export type InvocationEvent =
  | { type: 'response'; requestId: string; body: Buffer }
  | { type: 'tooLarge'; requestId: string; size: number }
  | { type: 'error'; requestId: string; error: LambdaErrorShape }
  | { type: 'timeout' }
  | { type: 'exit'; exit: ExitStatus }
  | { type: 'disposed' };

export interface InvocationFacts {
  requestId: string;
  memoryMb: number;
  peakKib: number | undefined;
  /** Stratus itself killed the process (dispose), so a SIGKILL is not an OOM. */
  killedByUs: boolean;
  durationMs: number;
  budgetMs: number;
}

type PartialResult = Omit<Extract<InvocationResult, { status: 'success' }>, 'initDurationMs' | 'maxMemoryUsedMb'> | Omit<Extract<InvocationResult, { status: 'error' }>, 'initDurationMs' | 'maxMemoryUsedMb'>;

export interface Settled {
  result: PartialResult;
  /** The environment cannot be reused: kill what is left of it. */
  terminate: boolean;
  /** A platform line for the function's log stream. */
  logLine?: string;
  /** Overrides the measured peak (Lambda reports MemorySize after an OOM kill). */
  maxMemoryUsedMb?: number;
}

export function settleInvocation(event: InvocationEvent, facts: InvocationFacts): Settled {
  const { durationMs } = facts;
  const overLimit = facts.peakKib !== undefined && facts.peakKib > facts.memoryMb * 1024;
  switch (event.type) {
    case 'response':
      if (overLimit) return outOfMemory(facts);
      return { result: { status: 'success', payload: event.body.toString('utf8'), durationMs }, terminate: false };
    case 'error':
      if (overLimit) return outOfMemory(facts);
      return { result: { status: 'error', kind: 'handled', error: event.error, durationMs }, terminate: false };
    case 'tooLarge':
      return { result: { status: 'error', kind: 'handled', error: responseTooLargeError(event.size), durationMs }, terminate: false };
    case 'timeout':
      return { result: { status: 'error', kind: 'timeout', error: timeoutError(facts.requestId, facts.budgetMs), durationMs }, terminate: true };
    case 'exit': {
      if (event.exit.signal === 'SIGKILL' && !facts.killedByUs) return outOfMemory(facts);
      const error = runtimeExitError(facts.requestId, event.exit);
      return { result: { status: 'error', kind: 'crash', error, durationMs }, terminate: true, logLine: platformErrorLogLine(error) };
    }
    case 'disposed': {
      const error = runtimeExitError(facts.requestId, { code: null, signal: 'SIGKILL' });
      return { result: { status: 'error', kind: 'crash', error, durationMs }, terminate: true };
    }
  }
}

function outOfMemory(facts: InvocationFacts): Settled {
  const error = outOfMemoryError(facts.requestId);
  return {
    result: { status: 'error', kind: 'crash', error, durationMs: facts.durationMs },
    terminate: true,
    logLine: platformErrorLogLine(error),
    maxMemoryUsedMb: facts.memoryMb,
  };
}

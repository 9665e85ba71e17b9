/**
 * Errors the Lambda platform (not the runtime) reports when an instance stops answering: the
 * shapes `Invoke` returns for a timeout, an out-of-memory kill and a runtime exit.
 */
import type { LambdaErrorShape } from '../types';

/** Lambda: `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: … Error: Task timed out after 3.00 seconds"}`. */
export function timeoutError(requestId: string, timeoutMs: number): LambdaErrorShape {
  const seconds = (Math.round(timeoutMs / 10) / 100).toFixed(2);
  return { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds` };
}

/** Lambda kills a sandbox over its memory size; the runtime "exits" with SIGKILL. */
export function outOfMemoryError(requestId: string): LambdaErrorShape {
  return { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed` };
}

/** The runtime process ended (process.exit). Exit status 0 reads differently on Lambda. */
export function exitError(requestId: string, exitCode: number): LambdaErrorShape {
  const reason = exitCode === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${exitCode}`;
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${reason}` };
}

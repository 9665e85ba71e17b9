/**
 * The errors Lambda itself reports when the runtime, not the handler, fails. Shapes and wording
 * as the Invoke API returns them (errorType + `RequestId: … Error: …` message):
 * - Runtime.ExitError / Runtime.InvalidEntrypoint: RIE fatalerror.go and the Lambda troubleshooting
 *   guide ("Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]").
 * - Sandbox.Timedout: troubleshooting-invocation.html ("Task timed out after 3.00 seconds").
 * - Runtime.OutOfMemory: the cgroup kills the runtime, so the message is Go's "signal: killed".
 * - Function.ResponseSizeTooLarge: RIE interop/model.go ErrorResponseTooLarge.
 */
import type { LambdaErrorShape } from '../types';
import { MAX_RESPONSE_PAYLOAD_BYTES } from './constants';

const withRequestId = (requestId: string | undefined, detail: string): string =>
  requestId ? `RequestId: ${requestId} Error: ${detail}` : `Error: ${detail}`;

/** Go's names for signals (what Lambda's Go-based init prints after "signal: "). */
const SIGNAL_NAMES: Record<string, string> = {
  SIGHUP: 'hangup',
  SIGINT: 'interrupt',
  SIGQUIT: 'quit',
  SIGILL: 'illegal instruction',
  SIGTRAP: 'trace/breakpoint trap',
  SIGABRT: 'aborted',
  SIGBUS: 'bus error',
  SIGFPE: 'floating point exception',
  SIGKILL: 'killed',
  SIGUSR1: 'user defined signal 1',
  SIGSEGV: 'segmentation fault',
  SIGUSR2: 'user defined signal 2',
  SIGPIPE: 'broken pipe',
  SIGALRM: 'alarm clock',
  SIGTERM: 'terminated',
};

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit(exit: ExitStatus): string {
  if (exit.signal) return `Runtime exited with error: signal: ${SIGNAL_NAMES[exit.signal] ?? exit.signal}`;
  if (exit.code === 0) return 'Runtime exited without providing a reason';
  return `Runtime exited with error: exit status ${exit.code}`;
}

export function runtimeExitError(requestId: string | undefined, exit: ExitStatus): LambdaErrorShape {
  return { errorType: 'Runtime.ExitError', errorMessage: withRequestId(requestId, describeExit(exit)) };
}

export function outOfMemoryError(requestId: string | undefined): LambdaErrorShape {
  return {
    errorType: 'Runtime.OutOfMemory',
    errorMessage: withRequestId(requestId, describeExit({ code: null, signal: 'SIGKILL' })),
  };
}

export function timeoutError(requestId: string, elapsedMs: number): LambdaErrorShape {
  const seconds = (elapsedMs / 1000).toFixed(2);
  return { errorType: 'Sandbox.Timedout', errorMessage: withRequestId(requestId, `Task timed out after ${seconds} seconds`) };
}

export function invalidEntrypointError(requestId: string | undefined, detail: string): LambdaErrorShape {
  return { errorType: 'Runtime.InvalidEntrypoint', errorMessage: withRequestId(requestId, detail) };
}

export function responseTooLargeError(size: number): LambdaErrorShape {
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size (${size} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_PAYLOAD_BYTES} bytes).`,
  };
}

/**
 * What the caller gets for a runtime's /error or /init/error post: the body as the runtime wrote
 * it when it is a JSON object; otherwise Lambda builds one from the error-type header.
 */
export function errorFromRuntimePost(body: Buffer, headerType: string | undefined): LambdaErrorShape {
  const fallbackType = headerType || 'Unhandled';
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const shape = parsed as Record<string, unknown>;
      return {
        ...shape,
        errorType: typeof shape.errorType === 'string' ? shape.errorType : fallbackType,
        errorMessage: typeof shape.errorMessage === 'string' ? shape.errorMessage : '',
      };
    }
  } catch {
    // Not JSON: fall through to the header-only shape.
  }
  return { errorType: fallbackType, errorMessage: body.toString('utf8') };
}

/** The line Lambda writes to the function's log stream when the runtime dies. */
export function platformErrorLogLine(error: LambdaErrorShape): string {
  return `${error.errorMessage}\n${error.errorType}`;
}

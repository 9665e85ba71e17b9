/**
 * Lambda's platform lines around an invocation: START before, END and REPORT after, and the
 * timeout line when the function ran out of time. They go to the instance's own log stream.
 */
import type { FunctionSpec } from '../../template/model';
import type { InvocationResult } from '../../runtime/types';
import type { LogService } from '../logs';
import { startLine, endLine, reportLine, timeoutLine } from '../logs/lambda-format';

export interface InvocationLogTarget {
  spec: FunctionSpec;
  stream: string;
  requestId: string;
  now(): number;
}

export async function recordInvocation(
  logs: LogService,
  target: InvocationLogTarget,
  run: () => Promise<InvocationResult>,
): Promise<InvocationResult> {
  const { spec, stream, requestId } = target;
  const group = `/aws/lambda/${spec.name}`;
  logs.write(group, stream, startLine(requestId), target.now());
  const result = await run();
  const timedOut = result.status === 'error' && result.kind === 'timeout';
  if (timedOut) logs.write(group, stream, timeoutLine(requestId, spec.timeoutSeconds, target.now()), target.now());
  logs.write(group, stream, endLine(requestId), target.now());
  logs.write(
    group,
    stream,
    reportLine({
      requestId,
      durationMs: result.durationMs,
      memoryMb: spec.memoryMb,
      maxMemoryUsedMb: result.maxMemoryUsedMb,
      initDurationMs: result.initDurationMs,
      ...platformStatus(result),
    }),
    target.now(),
  );
  return result;
}

/** REPORT carries `Status: timeout`, or `Status: error` with the error type when the runtime died. */
function platformStatus(result: InvocationResult): { status?: 'timeout' | 'error'; errorType?: string } {
  if (result.status !== 'error') return {};
  if (result.kind === 'timeout') return { status: 'timeout' };
  if (result.kind === 'crash') return { status: 'error', errorType: result.error.errorType };
  return {};
}

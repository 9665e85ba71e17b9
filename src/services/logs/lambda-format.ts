/**
 * The platform lines Lambda itself writes to /aws/lambda/<FunctionName>, as pure functions.
 * Reference: AWS Lambda Developer Guide, "Working with Lambda function logs" / "Monitoring Lambda
 * using CloudWatch Logs" (the START / END / REPORT lines), checked against captured CloudWatch
 * output: fields of REPORT are tab-separated and each is followed by a tab, START and END are
 * space-separated.
 */

/** Lambda prints `$LATEST` when the unqualified function is invoked (no version or alias). */
export const LATEST_VERSION = '$LATEST';

export const lambdaLogGroupName = (functionName: string): string => `/aws/lambda/${functionName}`;

export function startLine(requestId: string, version: string = LATEST_VERSION): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export interface ReportFields {
  requestId: string;
  durationMs: number;
  /** Computed by billedDurationMs() when not given. */
  billedMs?: number;
  memoryMb: number;
  maxMemoryUsedMb: number;
  /** Present only on the first invocation of a new instance (a cold start). */
  initDurationMs?: number;
  /** Lambda appends `Status: timeout` / `Status: error` (with `Error Type:`) on failed invocations. */
  status?: 'timeout' | 'error';
  /** e.g. `Runtime.ExitError` when the runtime process died. */
  errorType?: string;
}

export function reportLine(f: ReportFields): string {
  const billed = f.billedMs ?? billedDurationMs(f.durationMs, f.initDurationMs);
  const fields = [
    `REPORT RequestId: ${f.requestId}`,
    `Duration: ${f.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billed} ms`,
    `Memory Size: ${f.memoryMb} MB`,
    `Max Memory Used: ${Math.ceil(f.maxMemoryUsedMb)} MB`,
  ];
  if (f.initDurationMs !== undefined) fields.push(`Init Duration: ${f.initDurationMs.toFixed(2)} ms`);
  if (f.status) fields.push(`Status: ${f.status}`);
  if (f.status === 'error' && f.errorType) fields.push(`Error Type: ${f.errorType}`);
  return fields.join('\t') + '\t';
}

/**
 * Lambda bills in 1 ms increments, rounded up (since December 2020; before it was 100 ms).
 * Since 1 August 2025 the INIT phase is billed for on-demand functions on managed runtimes too
 * (it already was for custom runtimes and container images), so a cold start's Billed Duration is
 * ceil(Duration + Init Duration): e.g. `Duration: 12.68 ms … Init Duration: 295.33 ms` is billed
 * 309 ms in captured CloudWatch output. The minimum is 1 ms.
 */
export function billedDurationMs(durationMs: number, initDurationMs = 0): number {
  // Round the sum to 1 µs first so float noise (0.1 + 0.2) does not bill an extra millisecond.
  const total = Math.round((durationMs + initDurationMs) * 1000) / 1000;
  return Math.max(1, Math.ceil(total));
}

/**
 * The line Lambda writes when an invocation runs out of time, before END/REPORT:
 * `2024-01-01T00:00:03.012Z <requestId> Task timed out after 3.00 seconds`.
 * Lambda prints the elapsed time with two decimals (often the configured timeout, sometimes a
 * little over it, e.g. `30.03 seconds`); callers pass what they measured.
 */
export function timeoutLine(requestId: string, elapsedSeconds: number, at: number): string {
  return `${new Date(at).toISOString()} ${requestId} Task timed out after ${elapsedSeconds.toFixed(2)} seconds`;
}

/**
 * Lambda's stream name for one execution environment: `2024/01/31/[$LATEST]<32 hex chars>`,
 * dated (UTC) when the environment started.
 */
export function lambdaLogStreamName(startedAt: number, instanceHex: string, version: string = LATEST_VERSION): string {
  const d = new Date(startedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/[${version}]${instanceHex}`;
}

import type { InvocationResult } from '../../runtime/types';

export interface InvokeOptions {
  /** Overrides the function's own timeout (e.g. an API integration timeout shorter than it). */
  timeoutMs?: number;
  /** Client context JSON text (Lambda Invoke ClientContext). */
  clientContext?: string;
  /**
   * Keep this invocation's log lines (START … REPORT, in write order) and return them as
   * `logLines`: what Lambda's Invoke with `LogType: Tail` answers from.
   */
  collectLogs?: boolean;
}

/** A throttle is Lambda's TooManyRequestsException: reserved concurrency reached. */
export type InvokeOutcome =
  | (InvocationResult & { requestId: string; logLines?: string[] })
  | { status: 'throttled'; requestId: string; error: { errorType: 'TooManyRequestsException'; errorMessage: string } };

/** What gateways and sources use to run a function synchronously. */
export interface FunctionInvoker {
  /** `name` is the function's physical name or its logical id. Rejects only for an unknown function. */
  invoke(name: string, payload: string, options?: InvokeOptions): Promise<InvokeOutcome>;
}

/**
 * The `context` object, built as the runtime builds it (InvokeContext.js): the callback part
 * (succeed/fail/done, callbackWaitsForEmptyEventLoop), then the function's fields read from the
 * environment, then the invocation's own fields.
 */
import type { InvokeMessage } from '../protocol';

export interface CallbackContext {
  callbackWaitsForEmptyEventLoop: boolean;
  succeed(result?: unknown): void;
  fail(error?: unknown): void;
  done(error?: unknown, result?: unknown): void;
}

export function attachInvocationData(callbackContext: CallbackContext, invoke: InvokeMessage): CallbackContext {
  const env = process.env;
  const deadline = invoke.deadline;
  return Object.assign(callbackContext, {
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    // A string, as on Lambda (it comes from the environment).
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parseJson(invoke.clientContext),
    // Cognito identity only exists for invocations through the mobile SDK with Cognito.
    identity: undefined,
    invokedFunctionArn: invoke.invokedFunctionArn,
    awsRequestId: invoke.requestId,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  });
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

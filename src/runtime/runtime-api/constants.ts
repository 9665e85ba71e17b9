/**
 * Limits and names of the Lambda Runtime API, version 2018-06-01.
 * Reference: AWS Lambda Developer Guide, "Using the Lambda runtime API for custom runtimes"
 * (runtimes-api.html) and its OpenAPI document (runtime-api.zip); status codes and error bodies
 * as the Runtime Interface Emulator (aws-lambda-runtime-interface-emulator, rapi/rendering) sends them.
 */

export const RUNTIME_API_VERSION = '2018-06-01';

/** Runtimes reach the API on loopback only. */
export const RUNTIME_API_HOST = '127.0.0.1';

/**
 * Largest response a runtime may post: 6 MB for synchronous invocations. Lambda counts it as
 * 6 MiB + 100 bytes (the RIE's MaxPayloadSize; AWS quotes the same 6291556 in its error).
 */
export const MAX_RESPONSE_PAYLOAD_BYTES = 6 * 1024 * 1024 + 100;

/**
 * Lambda gives an on-demand function's INIT phase 10 seconds, not counted against its timeout.
 * (AWS then retries init inside the invoke phase; Stratus reports the timeout instead.)
 */
export const INIT_PHASE_TIMEOUT_MS = 10_000;

export const HEADER = {
  requestId: 'Lambda-Runtime-Aws-Request-Id',
  deadline: 'Lambda-Runtime-Deadline-Ms',
  functionArn: 'Lambda-Runtime-Invoked-Function-Arn',
  traceId: 'Lambda-Runtime-Trace-Id',
  clientContext: 'Lambda-Runtime-Client-Context',
  cognitoIdentity: 'Lambda-Runtime-Cognito-Identity',
  errorType: 'Lambda-Runtime-Function-Error-Type',
} as const;

/** Error types of the Runtime API's own 4xx answers (RIE rendering.go). */
export const API_ERROR = {
  invalidRequestId: 'InvalidRequestID',
  invalidStateTransition: 'InvalidStateTransition',
  tooLarge: 'RequestEntityTooLarge',
} as const;

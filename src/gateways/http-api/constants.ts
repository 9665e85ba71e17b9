/**
 * API Gateway limits and the fixed answers it gives on its own (not from a function).
 * Each answer names where it is pinned; bodies are byte-for-byte what clients see on AWS.
 */
import type { HttpApiKind } from '../../template/model';

/** "Maximum payload size: 10 MB" (API Gateway quotas, REST and HTTP APIs). */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** Where `sam local start-api` listens; the first API takes it, the next ones port+1, … */
export const DEFAULT_FIRST_PORT = 3000;

export interface GatewayAnswer {
  status: number;
  body: string;
  /** Extra headers besides Content-Type and the request-id headers. */
  headers?: Record<string, string>;
}

export type GatewayProblem = 'noRoute' | 'functionFailed' | 'throttled' | 'timeout' | 'tooLarge' | 'badRequest';

/**
 * REST APIs answer with their default gateway responses ("Gateway response types for API
 * Gateway": MISSING_AUTHENTICATION_TOKEN 403, INTEGRATION_TIMEOUT 504, REQUEST_TOO_LARGE 413);
 * a function error or malformed proxy result is 502 ("If the function output is of a different
 * format, API Gateway returns a 502 Bad Gateway error response" — Set up Lambda proxy
 * integrations). A throttled Lambda invoke is an integration failure that REST logs as
 * "Execution failed due to configuration error" and answers 500 (knowledge center:
 * api-gateway-internal-server-error).
 */
const REST_ANSWERS: Record<GatewayProblem, GatewayAnswer> = {
  noRoute: {
    status: 403,
    body: '{"message":"Missing Authentication Token"}',
    headers: { 'x-amzn-ErrorType': 'MissingAuthenticationTokenException' },
  },
  functionFailed: {
    status: 502,
    body: '{"message": "Internal server error"}',
    headers: { 'x-amzn-ErrorType': 'InternalServerErrorException' },
  },
  throttled: {
    status: 500,
    body: '{"message": "Internal server error"}',
    headers: { 'x-amzn-ErrorType': 'InternalServerErrorException' },
  },
  timeout: { status: 504, body: '{"message": "Endpoint request timed out"}' },
  tooLarge: { status: 413, body: '{"message":"Request Too Long"}' },
  badRequest: { status: 400, body: '{"message":"Bad Request"}' },
};

/**
 * HTTP APIs: no route → 404 {"message":"Not Found"} ("Routing API requests" in Working with
 * routes for HTTP APIs); a failing or malformed Lambda integration → 500 {"message":"Internal
 * Server Error"}; the integration timeout → 503 {"message":"Service Unavailable"} (captured
 * response with an `apigw-requestid` header, cortexlabs/cortex#1225).
 */
const HTTP_ANSWERS: Record<GatewayProblem, GatewayAnswer> = {
  noRoute: { status: 404, body: '{"message":"Not Found"}' },
  functionFailed: { status: 500, body: '{"message":"Internal Server Error"}' },
  throttled: { status: 500, body: '{"message":"Internal Server Error"}' },
  timeout: { status: 503, body: '{"message":"Service Unavailable"}' },
  tooLarge: { status: 413, body: '{"message":"Request Too Long"}' },
  badRequest: { status: 400, body: '{"message":"Bad Request"}' },
};

export function gatewayAnswer(kind: HttpApiKind, problem: GatewayProblem): GatewayAnswer {
  return kind === 'rest' ? REST_ANSWERS[problem] : HTTP_ANSWERS[problem];
}

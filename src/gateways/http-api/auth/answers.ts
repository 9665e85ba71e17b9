/**
 * What API Gateway answers on its own when a request is not let through, byte for byte.
 * REST: the default gateway responses ("Gateway response types for API Gateway": UNAUTHORIZED
 * 401, ACCESS_DENIED 403, AUTHORIZER_CONFIGURATION_ERROR / AUTHORIZER_FAILURE 500, INVALID_API_KEY
 * 403, THROTTLED 429, QUOTA_EXCEEDED 429), with the bodies clients see: `{"message": null}` for a
 * failing authorizer (auth0-samples/jwt-rsa-aws-custom-authorizer#6, aws/aws-lambda-go#81), the
 * capitalised `Message` of the two ACCESS_DENIED bodies, and the x-amzn-ErrorType header
 * (AuthorizerConfigurationException seen in serverless/examples#305).
 * HTTP APIs: 401 {"message":"Unauthorized"}, 403 {"message":"Forbidden"}, 500 {"message":"Internal
 * Server Error"} ("Working with AWS Lambda authorizers for HTTP APIs"), JWT refusals with a
 * www-authenticate header ("Troubleshooting issues with HTTP API JWT authorizers").
 */
import type { HttpAnswer } from '../response-v1';

export type Refusal =
  | 'unauthorized'
  | 'explicitDeny'
  | 'implicitDeny'
  | 'authorizerFailed'
  | 'invalidApiKey'
  | 'throttled'
  | 'quotaExceeded';

const json = (status: number, body: string, headers: string[] = []): HttpAnswer => ({
  status,
  headers: ['Content-Type', 'application/json', ...headers],
  body,
});

const REST: Record<Refusal, HttpAnswer> = {
  unauthorized: json(401, '{"message":"Unauthorized"}', ['x-amzn-ErrorType', 'UnauthorizedException']),
  explicitDeny: json(403, '{"Message":"User is not authorized to access this resource with an explicit deny"}', ['x-amzn-ErrorType', 'AccessDeniedException']),
  implicitDeny: json(403, '{"Message":"User is not authorized to access this resource"}', ['x-amzn-ErrorType', 'AccessDeniedException']),
  authorizerFailed: json(500, '{"message": null}', ['x-amzn-ErrorType', 'AuthorizerConfigurationException']),
  invalidApiKey: json(403, '{"message":"Forbidden"}', ['x-amzn-ErrorType', 'ForbiddenException']),
  throttled: json(429, '{"message":"Too Many Requests"}', ['x-amzn-ErrorType', 'TooManyRequestsException']),
  quotaExceeded: json(429, '{"message":"Limit Exceeded"}', ['x-amzn-ErrorType', 'LimitExceededException']),
};

const HTTP: Record<Refusal, HttpAnswer> = {
  unauthorized: json(401, '{"message":"Unauthorized"}'),
  explicitDeny: json(403, '{"message":"Forbidden"}'),
  implicitDeny: json(403, '{"message":"Forbidden"}'),
  authorizerFailed: json(500, '{"message":"Internal Server Error"}'),
  invalidApiKey: json(403, '{"message":"Forbidden"}'),
  throttled: json(429, '{"message":"Too Many Requests"}'),
  quotaExceeded: json(429, '{"message":"Too Many Requests"}'),
};

export function refusal(kind: 'rest' | 'http', reason: Refusal): HttpAnswer {
  return (kind === 'rest' ? REST : HTTP)[reason];
}

/** JWT refusals carry RFC 6750's challenge in API Gateway's spelling (`scope` first, space-separated). */
export function jwtRefusal(status: 401 | 403, challenge: string): HttpAnswer {
  return json(status, status === 401 ? '{"message":"Unauthorized"}' : '{"message":"Forbidden"}', ['www-authenticate', challenge]);
}

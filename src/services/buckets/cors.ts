/**
 * Bucket CORS (S3 User Guide, "Using cross-origin resource sharing"): the first rule whose
 * AllowedOrigins match the Origin (one `*` wildcard allowed), whose AllowedMethods hold the
 * method, and whose AllowedHeaders cover every requested header (case-insensitive, `*` allowed)
 * answers the preflight and decorates the actual response.
 */
import { invalidRequest, malformedXml, S3Error } from './errors';

export interface CorsRule {
  id?: string;
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds?: number;
}

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);
/** S3 allows at most 100 CORS rules per bucket. */
const MAX_RULES = 100;

export function validateCorsRules(rules: CorsRule[]): CorsRule[] {
  if (rules.length === 0 || rules.length > MAX_RULES) throw malformedXml();
  for (const rule of rules) {
    if (rule.allowedOrigins.length === 0 || rule.allowedMethods.length === 0) throw malformedXml();
    for (const method of rule.allowedMethods) {
      if (!METHODS.has(method)) throw invalidRequest(`Found unsupported HTTP method in CORS config. Unsupported method is ${method}`);
    }
    for (const origin of rule.allowedOrigins) {
      if (origin.split('*').length > 2) throw invalidRequest(`AllowedOrigin "${origin}" can not have more than one wildcard.`);
    }
  }
  return rules;
}

export function findCorsRule(rules: CorsRule[], origin: string, method: string, requestHeaders: string[]): CorsRule | undefined {
  return rules.find(
    (r) =>
      r.allowedOrigins.some((pattern) => wildcardMatch(pattern, origin)) &&
      r.allowedMethods.includes(method) &&
      requestHeaders.every((h) => r.allowedHeaders.some((pattern) => wildcardMatch(pattern.toLowerCase(), h.toLowerCase()))),
  );
}

/** The headers S3 adds for a matching rule (preflight or actual request). */
export function corsHeaders(rule: CorsRule, origin: string, preflight: { requestHeaders?: string } | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'access-control-allow-origin': rule.allowedOrigins.includes('*') ? '*' : origin,
    'access-control-allow-methods': rule.allowedMethods.join(', '),
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
  if (!rule.allowedOrigins.includes('*')) headers['access-control-allow-credentials'] = 'true';
  if (rule.exposeHeaders.length > 0) headers['access-control-expose-headers'] = rule.exposeHeaders.join(', ');
  if (preflight) {
    if (preflight.requestHeaders) headers['access-control-allow-headers'] = preflight.requestHeaders;
    if (rule.maxAgeSeconds !== undefined) headers['access-control-max-age'] = String(rule.maxAgeSeconds);
  }
  return headers;
}

export const corsNotEnabled = () => new S3Error('CORSResponse', 'CORS is not enabled for this bucket.', 403);
export const corsNotAllowed = () =>
  new S3Error(
    'AccessForbidden',
    'CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource\'s CORS spec.',
    403,
  );

function wildcardMatch(pattern: string, value: string): boolean {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === value;
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 1);
  return value.length >= head.length + tail.length && value.startsWith(head) && value.endsWith(tail);
}

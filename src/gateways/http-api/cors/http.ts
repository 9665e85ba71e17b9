/**
 * HTTP API CORS (`CorsConfiguration` on AWS::Serverless::HttpApi; "Configuring CORS for an HTTP
 * API"): API Gateway answers every preflight itself — an OPTIONS request with Origin and
 * Access-Control-Request-Method — with 204 and the configured headers, whether or not an
 * OPTIONS route exists, and adds Access-Control-Allow-Origin (plus -Expose-Headers and
 * -Allow-Credentials) to the integration's answers for an allowed Origin, replacing any CORS
 * headers the function set ("API Gateway ignores CORS headers returned from your backend
 * integration"). An origin that is not allowed gets no CORS headers. `CorsConfiguration: true`
 * allows every origin, header and method. `*` cannot be combined with AllowCredentials.
 */
import type { ApiSpec } from '../../../template/model';
import { headerValue } from '../request';
import type { HttpAnswer } from '../response-v1';
import { CorsConfigError } from './rest';

export interface HttpCors {
  isPreflight(method: string, rawHeaders: string[]): boolean;
  preflight(rawHeaders: string[]): HttpAnswer;
  /** The answer with this API's CORS headers in place of the function's own. */
  decorate(answer: HttpAnswer, rawHeaders: string[]): HttpAnswer;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map((v) => String(v).trim()) : value === undefined || value === null ? [] : [String(value)]);

export function readHttpCors(api: ApiSpec): HttpCors | undefined {
  const raw = api.cors;
  if (raw === undefined || raw === null || raw === false || api.kind !== 'http') return undefined;
  const spec: Record<string, unknown> = raw === true || raw === 'true' ? { AllowOrigins: ['*'], AllowHeaders: ['*'], AllowMethods: ['*'] } : (raw as Record<string, unknown>);
  if (typeof spec !== 'object') throw new CorsConfigError(`${api.logicalId}: CorsConfiguration must be true or a mapping`);
  const origins = list(spec.AllowOrigins);
  const credentials = spec.AllowCredentials === true || spec.AllowCredentials === 'true';
  if (credentials && origins.includes('*')) throw new CorsConfigError(`${api.logicalId}: CorsConfiguration cannot allow credentials for the origin '*'`);
  const allowHeaders = list(spec.AllowHeaders).map((h) => h.toLowerCase());
  const allowMethods = list(spec.AllowMethods).map((m) => m.toUpperCase());
  const exposeHeaders = list(spec.ExposeHeaders).map((h) => h.toLowerCase());
  const maxAge = spec.MaxAge === undefined || spec.MaxAge === null ? undefined : String(spec.MaxAge);
  const matchers = origins.map(originMatcher);
  const allowed = (origin: string | undefined) => origin !== undefined && matchers.some((m) => m(origin));
  const originHeader = (origin: string) => (origins.includes('*') ? '*' : origin);

  return {
    isPreflight: (method, raw) => method === 'OPTIONS' && headerValue(raw, 'origin') !== undefined && headerValue(raw, 'access-control-request-method') !== undefined,
    preflight(raw) {
      const origin = headerValue(raw, 'origin');
      const headers: string[] = [];
      if (allowed(origin)) {
        headers.push('access-control-allow-origin', originHeader(origin!));
        if (credentials) headers.push('access-control-allow-credentials', 'true');
        if (allowMethods.length > 0) headers.push('access-control-allow-methods', allowMethods.join(','));
        if (allowHeaders.length > 0) headers.push('access-control-allow-headers', allowHeaders.join(','));
        if (exposeHeaders.length > 0) headers.push('access-control-expose-headers', exposeHeaders.join(','));
        if (maxAge !== undefined) headers.push('access-control-max-age', maxAge);
      }
      return { status: 204, headers, body: '' };
    },
    decorate(answer, raw) {
      const origin = headerValue(raw, 'origin');
      const kept: string[] = [];
      const own = answer.headers;
      for (let i = 0; i < own.length; i += 2) {
        if (!own[i].toLowerCase().startsWith('access-control-')) kept.push(own[i], own[i + 1]);
      }
      if (allowed(origin)) {
        kept.push('access-control-allow-origin', originHeader(origin!));
        if (credentials) kept.push('access-control-allow-credentials', 'true');
        if (exposeHeaders.length > 0) kept.push('access-control-expose-headers', exposeHeaders.join(','));
      }
      return { ...answer, headers: kept };
    },
  };
}

/** Exact origins compare case-insensitively; `https://*.example.com` allows any subdomain. */
function originMatcher(pattern: string): (origin: string) => boolean {
  if (pattern === '*') return () => true;
  const lower = pattern.toLowerCase();
  const star = lower.indexOf('*');
  if (star < 0) return (origin) => origin.toLowerCase() === lower;
  const head = lower.slice(0, star);
  const tail = lower.slice(star + 1);
  return (origin) => {
    const o = origin.toLowerCase();
    return o.length > head.length + tail.length && o.startsWith(head) && o.endsWith(tail);
  };
}

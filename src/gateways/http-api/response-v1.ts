/**
 * Lambda proxy result, payload format 1.0 ("Output format of a Lambda function for proxy
 * integration"): {statusCode, headers, multiValueHeaders, body, isBase64Encoded}. Anything else
 * is a malformed proxy response (the caller answers 502 on REST, 500 on HTTP APIs). REST APIs
 * accept no other top-level keys (aws-sam-cli mirrors this as "Invalid API Gateway Response
 * Keys"); `headers` and `multiValueHeaders` merge, a pair present in both appearing once.
 */
import type { HttpApiKind } from '../../template/model';
import { firstAcceptType, matchesBinaryMediaTypes } from './binary';

export interface HttpAnswer {
  status: number;
  /** Flat header list: [name, value, name, value, …], case as the function wrote it. */
  headers: string[];
  body: Buffer | string;
}

const REST_RESULT_KEYS = new Set(['statusCode', 'body', 'headers', 'multiValueHeaders', 'isBase64Encoded']);

/** REST sends JSON when the function names no type; HTTP APIs send plain text. */
export const DEFAULT_CONTENT_TYPE: Record<HttpApiKind, string> = {
  rest: 'application/json',
  http: 'text/plain; charset=utf-8',
};

export interface ResultContextV1 {
  kind: HttpApiKind;
  binaryMediaTypes: string[];
  accept: string | undefined;
}

export function parseResultV1(payload: string, ctx: ResultContextV1): HttpAnswer | null {
  const result = parseObject(payload);
  if (!result) return null;
  if (ctx.kind === 'rest' && Object.keys(result).some((k) => !REST_RESULT_KEYS.has(k))) return null;
  const status = statusCodeOf(result.statusCode);
  if (status === null) return null;
  const body = result.body;
  if (body !== undefined && body !== null && typeof body !== 'string') return null;
  const headers = mergeHeaders(result.headers, result.multiValueHeaders);
  if (!headers) return null;
  ensureContentType(headers, DEFAULT_CONTENT_TYPE[ctx.kind]);
  const text = body ?? '';
  const decode =
    result.isBase64Encoded === true &&
    (ctx.kind === 'http' || matchesBinaryMediaTypes(firstAcceptType(ctx.accept), ctx.binaryMediaTypes));
  return { status, headers, body: decode ? Buffer.from(text, 'base64') : text };
}

export function parseObject(payload: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** An integer status (a numeric string too, as API Gateway coerces it) in 100–599. */
export function statusCodeOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : null;
}

export function headerText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function mergeHeaders(single: unknown, multi: unknown): string[] | null {
  const out: string[] = [];
  const multiMap = multi === undefined || multi === null ? {} : multi;
  if (typeof multiMap !== 'object' || Array.isArray(multiMap)) return null;
  for (const [name, values] of Object.entries(multiMap)) {
    if (!Array.isArray(values)) return null;
    for (const v of values) {
      const text = headerText(v);
      if (text === null) return null;
      out.push(name, text);
    }
  }
  if (single === undefined || single === null) return out;
  if (typeof single !== 'object' || Array.isArray(single)) return null;
  for (const [name, value] of Object.entries(single)) {
    if (value === null) continue;
    const text = headerText(value);
    if (text === null) return null;
    const duplicates = (multiMap as Record<string, unknown[]>)[name];
    if (Array.isArray(duplicates) && duplicates.some((v) => headerText(v) === text)) continue;
    out.push(name, text);
  }
  return out;
}

export function ensureContentType(headers: string[], fallback: string): void {
  for (let i = 0; i < headers.length; i += 2) if (headers[i].toLowerCase() === 'content-type') return;
  headers.push('Content-Type', fallback);
}

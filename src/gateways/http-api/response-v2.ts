/**
 * Lambda result, payload format 2.0 ("Lambda function response for format 2.0"): when the
 * function returns valid JSON without a `statusCode`, API Gateway infers 200, content-type
 * application/json, isBase64Encoded false, and the function's response as the body (a string
 * result is the body itself, anything else its JSON text — so `{"body":"x"}` without statusCode
 * is sent whole). With a statusCode, `cookies` become Set-Cookie headers and a base64 body is
 * decoded. A non-string body or a bad statusCode is a malformed result.
 */
import { DEFAULT_CONTENT_TYPE, ensureContentType, headerText, statusCodeOf, type HttpAnswer } from './response-v1';

export function parseResultV2(payload: string): HttpAnswer | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('statusCode' in value)) {
    return inferred(typeof value === 'string' ? value : payload);
  }
  const result = value as Record<string, unknown>;
  const status = statusCodeOf(result.statusCode);
  if (status === null) return null;
  const body = result.body;
  if (body !== undefined && body !== null && typeof body !== 'string') return null;
  const headers = headerList(result.headers);
  if (!headers) return null;
  if (!appendCookies(headers, result.cookies)) return null;
  ensureContentType(headers, DEFAULT_CONTENT_TYPE.http);
  const text = body ?? '';
  return { status, headers, body: result.isBase64Encoded === true ? Buffer.from(text, 'base64') : text };
}

function inferred(body: string): HttpAnswer {
  return { status: 200, headers: ['content-type', 'application/json'], body };
}

function headerList(headers: unknown): string[] | null {
  const out: string[] = [];
  if (headers === undefined || headers === null) return out;
  if (typeof headers !== 'object' || Array.isArray(headers)) return null;
  for (const [name, value] of Object.entries(headers)) {
    if (value === null) continue;
    const text = headerText(value);
    if (text === null) return null;
    out.push(name, text);
  }
  return out;
}

function appendCookies(headers: string[], cookies: unknown): boolean {
  if (cookies === undefined || cookies === null) return true;
  if (!Array.isArray(cookies)) return false;
  for (const cookie of cookies) {
    if (typeof cookie !== 'string') return false;
    headers.push('set-cookie', cookie);
  }
  return true;
}

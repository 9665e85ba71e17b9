/**
 * AWS JSON 1.0 / 1.1 (Smithy "awsJson1_0" / "awsJson1_1"): `POST /` with `X-Amz-Target:
 * Prefix.Operation` and a JSON object body; the answer is a JSON object, errors are
 * `{"__type": "<code>", "message": "…"}` with the error's status. Timestamps are epoch seconds.
 */
import type { ServerResponse } from 'node:http';
import { AwsError, type AwsErrorData } from '../errors';
import type { JsonProtocolSpec } from '../service';
import type { EdgeRequest } from '../request';
import { send } from '../respond';

export const contentType = (version: '1.0' | '1.1') => `application/x-amz-json-${version}`;

/** `Logs_20140328.GetLogEvents` → `GetLogEvents`. */
export function operationFromTarget(target: string): { prefix: string; operation: string } {
  const dot = target.lastIndexOf('.');
  return dot < 0 ? { prefix: target, operation: '' } : { prefix: target.slice(0, dot), operation: target.slice(dot + 1) };
}

/** An empty body is `{}` (clients send none for operations without input). */
export function parseJsonInput(req: EdgeRequest): Record<string, unknown> {
  const text = req.body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AwsError('SerializationException', 'Expected a JSON object as the request body.');
  }
  return parsed as Record<string, unknown>;
}

export function sendJsonResult(res: ServerResponse, version: '1.0' | '1.1', requestId: string, output: unknown): void {
  send(res, 200, requestId, { 'content-type': contentType(version) }, JSON.stringify(toJsonValue(output ?? {})));
}

export function sendJsonError(res: ServerResponse, spec: Pick<JsonProtocolSpec, 'version' | 'errorTypePrefix' | 'queryCompatibleCodes'>, requestId: string, err: AwsErrorData): void {
  const headers: Record<string, string> = { 'content-type': contentType(spec.version) };
  const legacy = spec.queryCompatibleCodes?.[err.code];
  if (legacy) headers['x-amzn-query-error'] = `${legacy};${err.senderFault ? 'Sender' : 'Receiver'}`;
  const body = { __type: `${spec.errorTypePrefix ?? ''}${err.code}`, message: err.message, ...err.details };
  send(res, err.status, requestId, headers, JSON.stringify(body));
}

/** Dates become epoch seconds (with milliseconds as the fraction), as the JSON protocols send them. */
export function toJsonValue(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, function (key, v) {
    const raw = (this as Record<string, unknown>)[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  }));
}

/**
 * Lambda Invoke (`POST /2015-03-31/functions/{FunctionName}/invocations`), Lambda API Reference
 * "Invoke": RequestResponse answers 200 with the handler's result, or 200 with
 * `X-Amz-Function-Error: Unhandled` and the error payload when the handler failed; DryRun answers
 * 204; `X-Amz-Log-Type: Tail` adds `X-Amz-Log-Result`, the last 4 KB of the invocation's log
 * lines (START … REPORT) in base64.
 */
import { AwsError } from '../errors';
import type { RestRequest, RestResult } from '../service';
import type { InvokeOutcome } from '../../../services/functions/types';
import type { LambdaBackend } from './index';
import { LATEST } from './names';
import { resolveFunction } from './resolve';

/** Synchronous invocation payload limit (request and response): 6 MB. */
export const MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
/** X-Amz-Log-Result carries at most the last 4 KB of log output. */
export const LOG_TAIL_BYTES = 4096;
/** X-Amz-Client-Context is at most 3583 bytes of base64. */
export const MAX_CLIENT_CONTEXT_BYTES = 3583;
const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'];

export async function invoke(backend: LambdaBackend, req: RestRequest): Promise<RestResult> {
  const invocationType = headerOf(req, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (!INVOCATION_TYPES.includes(invocationType)) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`,
    );
  }
  if (req.body.length > MAX_SYNC_PAYLOAD_BYTES) {
    throw new AwsError('RequestTooLargeException', `Request must be smaller than ${MAX_SYNC_PAYLOAD_BYTES} bytes for the InvokeFunction operation`, 413);
  }
  const spec = resolveFunction(backend, req.params.FunctionName, req.query.get('Qualifier'));
  const payload = payloadOf(req.body);
  const clientContext = clientContextOf(headerOf(req, 'x-amz-client-context'));
  if (invocationType === 'DryRun') return { status: 204 };
  if (invocationType === 'Event') {
    if (!backend.invokeAsync) {
      throw new AwsError(
        'InvalidParameterValueException',
        'Stratus does not run asynchronous invocations (InvocationType Event) yet: they need its durable async queue. Use RequestResponse.',
      );
    }
    await backend.invokeAsync(spec.name, payload);
    return { status: 202, headers: { 'x-amz-executed-version': LATEST } };
  }
  const tail = headerOf(req, 'x-amz-log-type') === 'Tail';
  const outcome = await backend.invoke(spec.name, payload, { clientContext, collectLogs: tail });
  return answer(outcome, tail);
}

function answer(outcome: InvokeOutcome, tail: boolean): RestResult {
  if (outcome.status === 'throttled') throw new AwsError('TooManyRequestsException', outcome.error.errorMessage, 429);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amz-executed-version': LATEST };
  if (tail) headers['x-amz-log-result'] = logTail(outcome.logLines ?? []);
  if (outcome.status === 'success') return { status: 200, headers, body: outcome.payload };
  headers['x-amz-function-error'] = 'Unhandled';
  return { status: 200, headers, body: JSON.stringify(outcome.error) };
}

/** The last 4 KB of the log text, one line per event, as base64. */
export function logTail(lines: string[]): string {
  const text = Buffer.from(lines.map((l) => (l.endsWith('\n') ? l : `${l}\n`)).join(''), 'utf8');
  return text.subarray(Math.max(0, text.length - LOG_TAIL_BYTES)).toString('base64');
}

/** No payload is an empty object, as Lambda passes it; anything else must be JSON. */
function payloadOf(body: Buffer): string {
  const text = body.toString('utf8');
  if (text.trim() === '') return '{}';
  try {
    JSON.parse(text);
  } catch (err) {
    throw new AwsError('InvalidRequestContentException', `Could not parse request body into json: Could not parse payload into json: ${(err as Error).message}`);
  }
  return text;
}

function clientContextOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const invalid = () => new AwsError('InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.');
  if (header.length > MAX_CLIENT_CONTEXT_BYTES || !/^[A-Za-z0-9+/]*={0,2}$/.test(header)) throw invalid();
  const text = Buffer.from(header, 'base64').toString('utf8');
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  } catch {
    throw invalid();
  }
  return text;
}

function headerOf(req: RestRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * S3 on the edge port (REST-XML), placed before the generic AWS handler because S3 streams:
 * bodies go from the socket to the object files and back without being buffered. It claims a
 * request when its SigV4 scope names `s3` (header or presigned URL), its Host is a virtual-hosted
 * bucket (`bucket.localhost`, `bucket.s3.amazonaws.com`, …), it is a browser form POST, or it is
 * unsigned and no other AWS service claims it (`claimedElsewhere`).
 *
 * Not done yet / differs on purpose:
 * - no versioning, ACLs, bucket policies, website hosting, lifecycle, replication, encryption,
 *   object lock (501 NotImplemented); storage class is always STANDARD;
 * - in strict mode chunk signatures are verified, a trailer's signature is not; CRC64NVME
 *   checksums are accepted but not verified;
 * - presigned URLs are checked for expiry always, for their signature only in strict mode;
 * - object bytes live on this node's disk, also with the PostgreSQL engine (metadata is shared,
 *   bytes are not: one S3-serving node per state directory).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Clock } from '../../../shared/clock';
import type { EdgeHandler } from '../../edge/server';
import type { BucketService } from '../../../services/buckets';
import { S3Error } from '../../../services/buckets/errors';
import type { AuthConfig } from '../auth';
import type { EdgeRequest } from '../request';
import { readSignature, signingScope } from '../auth/signature';
import { CONSOLE_PREFIX } from '../handler';
import { addressOf, isS3Host } from './addressing';
import { authenticateS3 } from './auth';
import { payloadOf, type S3Call } from './call';
import { operationFor } from './router';
import { actualCorsHeaders } from './operations/preflight';
import type { S3Response } from './response';
import { document, el, esc } from './xml';

export interface S3EdgeOptions {
  service: BucketService;
  clock: Clock;
  auth?: AuthConfig;
  /** True when another AWS service on the edge port owns this (unsigned) request. */
  claimedElsewhere(head: EdgeRequest): boolean;
}

export function s3EdgeHandler(options: S3EdgeOptions): EdgeHandler {
  return async (req, res) => {
    if (req.url?.startsWith(CONSOLE_PREFIX)) return false;
    const head = headOf(req);
    const reading = readSignature(head);
    if (!claims(head, reading, options)) return false;
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const hostId = randomBytes(32).toString('base64');
    let call: S3Call | undefined;
    try {
      const address = addressOf(header(req, 'host'), head.rawPath);
      const trailers = new Map<string, string>();
      const chunks = {};
      const scope = signingScope(reading);
      call = {
        method: head.method,
        rawPath: head.rawPath,
        ...address,
        query: head.query,
        headers: req.headers,
        body: payloadOf(req, trailers, chunks),
        trailers,
        origin: { requestId, sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, ''), accessKeyId: scope.accessKeyId },
        service: options.service,
        auth: options.auth,
        now: () => options.clock.now(),
        raw: req,
      };
      const operation = operationFor(call);
      // Preflights and browser form posts carry no signature of the request itself.
      if (operation.name !== 'Preflight' && operation.name !== 'PostObject') await authenticateS3(head, reading, options.auth, options.clock.now(), chunks);
      const answer = await operation.run(call);
      const cors = operation.name === 'Preflight' ? {} : await actualCorsHeaders(call);
      await send(res, req, answer, { ...cors, 'x-amz-request-id': requestId, 'x-amz-id-2': hostId });
    } catch (err) {
      const cors = call ? await actualCorsHeaders(call).catch(() => ({})) : {};
      sendError(res, req, head.rawPath, err, { ...cors, 'x-amz-request-id': requestId, 'x-amz-id-2': hostId });
    }
    return true;
  };
}

function claims(head: EdgeRequest, reading: ReturnType<typeof readSignature>, options: S3EdgeOptions): boolean {
  const service = signingScope(reading).service;
  if (service !== undefined) return service === 's3';
  if (isS3Host(header(head, 'host'))) return true;
  if (head.method === 'POST' && (header(head, 'content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) return true;
  return !options.claimedElsewhere(head);
}

function headOf(req: IncomingMessage): EdgeRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  return { method: req.method ?? 'GET', rawPath: q < 0 ? url : url.slice(0, q), rawQuery, query: new URLSearchParams(rawQuery), headers: req.headers, body: Buffer.alloc(0) };
}

function header(req: { headers: IncomingMessage['headers'] }, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

async function send(res: ServerResponse, req: IncomingMessage, answer: S3Response, extra: Record<string, string>): Promise<void> {
  const headers = { server: 'AmazonS3', ...extra, ...answer.headers };
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, headerValue(String(value)));
  res.statusCode = answer.status;
  const body = answer.body;
  if (body === undefined || typeof body === 'string') {
    if (typeof body === 'string' && !res.hasHeader('content-length')) res.setHeader('content-length', Buffer.byteLength(body));
    if (!res.hasHeader('content-length') && answer.status !== 204 && answer.status !== 304) res.setHeader('content-length', 0);
    return void res.end(req.method === 'HEAD' ? undefined : body);
  }
  await drain(req);
  await pipeline(body as Readable, res).catch(() => res.destroy());
}

/** What the client sent and no operation read (a GET with a body) must not stall the socket. */
async function drain(req: IncomingMessage): Promise<void> {
  if (!req.readableEnded) req.resume();
}

function sendError(res: ServerResponse, req: IncomingMessage, resource: string, err: unknown, extra: Record<string, string>): void {
  if (res.headersSent) return void res.destroy();
  const e = asS3Error(err);
  req.resume();
  for (const [name, value] of Object.entries({ server: 'AmazonS3', ...extra, ...e.headers })) res.setHeader(name, headerValue(value));
  res.statusCode = e.status;
  // 304 and HEAD answers have no body; every other error is S3's <Error> document.
  if (e.status === 304 || req.method === 'HEAD') {
    res.setHeader('content-length', 0);
    return void res.end();
  }
  const details = Object.entries(e.details).map(([k, v]) => el(k, esc(v))).join('');
  const body = document('Error', el('Code', e.code) + el('Message', esc(e.message)) + details + el('Resource', esc(safeDecode(resource))) + el('RequestId', extra['x-amz-request-id']) + el('HostId', extra['x-amz-id-2'])).replace(
    ` xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`,
    '',
  );
  res.setHeader('content-type', 'application/xml');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

function asS3Error(err: unknown): S3Error {
  if (err instanceof S3Error) return err;
  const e = err as { code?: unknown; status?: unknown; message?: unknown };
  if (typeof e?.code === 'string' && typeof e.status === 'number') return new S3Error(e.code, String(e.message ?? ''), e.status);
  return new S3Error('InternalError', 'We encountered an internal error. Please try again.', 500, { Detail: String((err as Error)?.message ?? err) });
}

/** Header values must be Latin-1 without controls; S3 sends other metadata RFC 2047-encoded. */
function headerValue(value: string): string {
  return /^[\x20-\x7e\t]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

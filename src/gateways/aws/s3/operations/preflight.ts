/**
 * CORS for browsers: the OPTIONS preflight answered from the bucket's CORS rules as S3 answers
 * it (200 with the Access-Control-* headers, or 403 when no rule matches or CORS is off), and
 * the Access-Control-* headers on actual requests that carry an Origin.
 */
import { corsHeaders, corsNotAllowed, corsNotEnabled } from '../../../../services/buckets';
import { S3Error } from '../../../../services/buckets/errors';
import { type S3Call, requireBucket } from '../call';
import { one } from '../headers';
import { empty, type S3Response } from '../response';

export async function preflight(call: S3Call): Promise<S3Response> {
  const bucket = requireBucket(call);
  const origin = one(call.headers, 'origin');
  const method = one(call.headers, 'access-control-request-method');
  if (!origin || !method) {
    throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.', 400);
  }
  const requested = one(call.headers, 'access-control-request-headers');
  const names = (requested ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  const rule = await call.service.matchCors(bucket, origin, method.toUpperCase(), names);
  if (rule === null) throw corsNotEnabled();
  if (!rule) throw corsNotAllowed();
  return empty(200, corsHeaders(rule, origin, { requestHeaders: requested }));
}

/** Headers to add to an actual (non-preflight) response; none when nothing matches. */
export async function actualCorsHeaders(call: S3Call): Promise<Record<string, string>> {
  const origin = one(call.headers, 'origin');
  if (!origin || call.bucket === undefined) return {};
  const rule = await call.service.matchCors(call.bucket, origin, call.method, []).catch(() => undefined);
  return rule ? corsHeaders(rule, origin, undefined) : {};
}

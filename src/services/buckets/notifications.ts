/**
 * S3 event notifications: the record S3 sends (S3 User Guide, "Event message structure", event
 * version 2.1), to every target whose events and key filter match, through the `deliver` port
 * (the engine-backed dispatcher: a function's async-invocation queue, an SQS message, an SNS
 * publish). A delivery that fails is reported, never the request that caused it.
 */
import { createHash } from 'node:crypto';
import type { BucketRecord } from '../../engine/types';
import type { BucketContext, RequestOrigin } from './context';
import { matchesKey, parseStored, wantsEvent } from './notification-config';

export interface ObjectEvent {
  /** Without the `s3:` prefix: `ObjectCreated:Put`, `ObjectRemoved:Delete`, … */
  eventName: string;
  key: string;
  size?: number;
  /** With or without quotes; records carry it without. */
  etag?: string;
}

let sequence = 0;

export async function notify(ctx: BucketContext, bucket: BucketRecord, event: ObjectEvent, origin: RequestOrigin): Promise<void> {
  const targets = parseStored(bucket.notification).targets.filter((t) => wantsEvent(t, event.eventName) && matchesKey(t, event.key));
  if (targets.length === 0) return;
  const now = ctx.clock.now();
  // Hex, growing with time for one key, as S3's sequencer is ("for ordering events of one key").
  const sequencer = (BigInt(now) * 4096n + BigInt(sequence++ % 4096)).toString(16).toUpperCase().padStart(16, '0');
  for (const target of targets) {
    const record = {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: bucket.region,
      eventTime: new Date(now).toISOString(),
      eventName: event.eventName,
      userIdentity: { principalId: principalOf(ctx, origin) },
      requestParameters: { sourceIPAddress: origin.sourceIp ?? '127.0.0.1' },
      responseElements: { 'x-amz-request-id': requestIdOf(origin), 'x-amz-id-2': hostIdOf(origin) },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: target.id,
        bucket: { name: bucket.name, ownerIdentity: { principalId: ownerIdOf(ctx) }, arn: `arn:aws:s3:::${bucket.name}` },
        object: {
          key: eventKey(event.key),
          ...(event.size !== undefined && { size: event.size }),
          ...(event.etag !== undefined && { eTag: event.etag.replace(/"/g, '') }),
          sequencer,
        },
      },
    };
    await ctx.deliver(target.arn, JSON.stringify({ Records: [record] }), bucket.name).catch(ctx.onError);
  }
}

/** The `s3:TestEvent` S3 sends to each queue and topic when a configuration is put via the API. */
export async function sendTestEvents(ctx: BucketContext, bucket: BucketRecord, origin: RequestOrigin): Promise<void> {
  const targets = parseStored(bucket.notification).targets.filter((t) => t.kind !== 'lambda');
  const payload = JSON.stringify({
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: new Date(ctx.clock.now()).toISOString(),
    Bucket: bucket.name,
    RequestId: requestIdOf(origin),
    HostId: hostIdOf(origin),
  });
  for (const target of targets) await ctx.deliver(target.arn, payload, bucket.name).catch(ctx.onError);
}

/** Keys in records are URL-encoded the way S3 does it: form encoding (space → `+`), `/` kept. */
export function eventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The wire layer's request id (S3's are 16 upper-case hex characters). */
export function requestIdOf(origin: RequestOrigin): string {
  return origin.requestId;
}

export function hostIdOf(origin: RequestOrigin): string {
  return createHash('sha256').update(`host:${origin.requestId}`).digest('base64');
}

function principalOf(ctx: BucketContext, origin: RequestOrigin): string {
  return `AWS:${origin.accessKeyId ?? `AIDA${ctx.accountId}`}`;
}

function ownerIdOf(ctx: BucketContext): string {
  return `A${createHash('md5').update(ctx.accountId).digest('hex').slice(0, 13).toUpperCase()}`;
}

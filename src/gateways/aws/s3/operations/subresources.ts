/** Object and bucket tagging, bucket CORS and bucket notification configuration, in S3's XML. */
import type { CorsRule, NotificationConfiguration, TargetConfiguration } from '../../../../services/buckets';
import { filterRules } from '../../../../services/buckets/notification-config';
import { invalidTag, malformedXml } from '../../../../services/buckets/errors';
import { type S3Call, readText, requireBucket, requireKey } from '../call';
import { document, el, esc, list, parseXml, text, texts, type XmlNode } from '../xml';
import { empty, xmlResponse, type S3Response } from '../response';

const taggingDocument = (tags: Record<string, string>) =>
  xmlResponse(document('Tagging', el('TagSet', Object.entries(tags).map(([k, v]) => el('Tag', el('Key', esc(k)) + el('Value', esc(v)))).join(''))));

async function readTagging(call: S3Call): Promise<Record<string, string>> {
  const root = parseXml(await readText(call), 'Tagging');
  const tags: Record<string, string> = {};
  for (const tag of list((root.TagSet as XmlNode | undefined)?.Tag)) {
    const key = text(tag.Key);
    if (key === undefined) throw malformedXml();
    if (Object.hasOwn(tags, key)) throw invalidTag('Cannot provide multiple Tags with the same key');
    tags[key] = text(tag.Value) ?? '';
  }
  return tags;
}

export async function getObjectTagging(call: S3Call): Promise<S3Response> {
  return taggingDocument(await call.service.getObjectTags(requireBucket(call), requireKey(call)));
}

export async function putObjectTagging(call: S3Call): Promise<S3Response> {
  await call.service.putObjectTags(requireBucket(call), requireKey(call), await readTagging(call));
  return empty(200);
}

export async function getBucketTagging(call: S3Call): Promise<S3Response> {
  return taggingDocument(await call.service.getBucketTags(requireBucket(call)));
}

export async function putBucketTagging(call: S3Call): Promise<S3Response> {
  await call.service.putBucketTags(requireBucket(call), await readTagging(call));
  return empty(204);
}

export async function deleteBucketTagging(call: S3Call): Promise<S3Response> {
  await call.service.putBucketTags(requireBucket(call), {});
  return empty(204);
}

export async function deleteObjectTagging(call: S3Call): Promise<S3Response> {
  await call.service.putObjectTags(requireBucket(call), requireKey(call), {});
  return empty(204);
}

export async function getBucketCors(call: S3Call): Promise<S3Response> {
  const rules = await call.service.getBucketCors(requireBucket(call));
  const body = rules
    .map((r) =>
      el(
        'CORSRule',
        (r.id !== undefined ? el('ID', esc(r.id)) : '') +
          r.allowedHeaders.map((h) => el('AllowedHeader', esc(h))).join('') +
          r.allowedMethods.map((m) => el('AllowedMethod', esc(m))).join('') +
          r.allowedOrigins.map((o) => el('AllowedOrigin', esc(o))).join('') +
          r.exposeHeaders.map((h) => el('ExposeHeader', esc(h))).join('') +
          (r.maxAgeSeconds !== undefined ? el('MaxAgeSeconds', r.maxAgeSeconds) : ''),
      ),
    )
    .join('');
  return xmlResponse(document('CORSConfiguration', body));
}

export async function putBucketCors(call: S3Call): Promise<S3Response> {
  const root = parseXml(await readText(call), 'CORSConfiguration');
  const rules: CorsRule[] = list(root.CORSRule).map((r) => {
    const maxAge = text(r.MaxAgeSeconds);
    if (maxAge !== undefined && !/^\d+$/.test(maxAge.trim())) throw malformedXml();
    return {
      ...(text(r.ID) !== undefined && { id: text(r.ID) }),
      allowedOrigins: texts(r.AllowedOrigin),
      allowedMethods: texts(r.AllowedMethod),
      allowedHeaders: texts(r.AllowedHeader),
      exposeHeaders: texts(r.ExposeHeader),
      ...(maxAge !== undefined && { maxAgeSeconds: Number(maxAge) }),
    };
  });
  await call.service.putBucketCors(requireBucket(call), rules);
  return empty(200);
}

export async function deleteBucketCors(call: S3Call): Promise<S3Response> {
  await call.service.deleteBucketCors(requireBucket(call));
  return empty(204);
}

const KINDS: { kind: TargetConfiguration['kind']; element: string; arn: string }[] = [
  { kind: 'topic', element: 'TopicConfiguration', arn: 'Topic' },
  { kind: 'queue', element: 'QueueConfiguration', arn: 'Queue' },
  { kind: 'lambda', element: 'CloudFunctionConfiguration', arn: 'CloudFunction' },
];

export async function getBucketNotification(call: S3Call): Promise<S3Response> {
  const config = await call.service.getBucketNotification(requireBucket(call));
  const body = KINDS.map(({ kind, element, arn }) =>
    config.targets
      .filter((t) => t.kind === kind)
      .map((t) => {
        const rules = [...(t.prefix !== undefined ? [['prefix', t.prefix]] : []), ...(t.suffix !== undefined ? [['suffix', t.suffix]] : [])];
        const filter = rules.length > 0 ? el('Filter', el('S3Key', rules.map(([n, v]) => el('FilterRule', el('Name', n) + el('Value', esc(v)))).join(''))) : '';
        return el(element, el('Id', esc(t.id)) + el(arn, esc(t.arn)) + t.events.map((e) => el('Event', esc(e))).join('') + filter);
      })
      .join(''),
  ).join('');
  return xmlResponse(document('NotificationConfiguration', body));
}

export async function putBucketNotification(call: S3Call): Promise<S3Response> {
  const root = parseXml(await readText(call), 'NotificationConfiguration');
  let n = 0;
  const targets = KINDS.flatMap(({ kind, element, arn }) =>
    list(root[element]).map((c): TargetConfiguration => {
      const rules = list(((c.Filter as XmlNode | undefined)?.S3Key as XmlNode | undefined)?.FilterRule).map((r) => ({ Name: text(r.Name), Value: text(r.Value) }));
      return {
        id: text(c.Id) || `notification-${++n}`,
        kind,
        arn: text(c[arn]) ?? '',
        events: texts(c.Event),
        ...filterRules(rules),
      };
    }),
  );
  const config: NotificationConfiguration = { targets };
  await call.service.putBucketNotification(requireBucket(call), config, call.origin);
  return empty(200);
}

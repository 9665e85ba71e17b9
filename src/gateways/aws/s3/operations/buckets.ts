/** ListBuckets, CreateBucket, DeleteBucket, HeadBucket, GetBucketLocation. */
import { type S3Call, readText, requireBucket } from '../call';
import { document, el, esc, isoTime, parseXml, text } from '../xml';
import { empty, xmlResponse, type S3Response } from '../response';

export async function listBuckets(call: S3Call): Promise<S3Response> {
  const buckets = await call.service.listBuckets();
  const owner = el('Owner', el('ID', ownerId(call)) + el('DisplayName', 'stratus'));
  const items = buckets.map((b) => el('Bucket', el('Name', esc(b.name)) + el('CreationDate', isoTime(b.createdAt)) + el('BucketRegion', b.region))).join('');
  return xmlResponse(document('ListAllMyBucketsResult', owner + el('Buckets', items)));
}

export async function createBucket(call: S3Call): Promise<S3Response> {
  const name = requireBucket(call);
  const body = await readText(call);
  const region = body.trim() === '' ? undefined : text(parseXml(body, 'CreateBucketConfiguration').LocationConstraint);
  await call.service.createBucket(name, { region: region || undefined });
  return empty(200, { location: `/${name}` });
}

export async function deleteBucket(call: S3Call): Promise<S3Response> {
  await call.service.deleteBucket(requireBucket(call));
  return empty(204);
}

export async function headBucket(call: S3Call): Promise<S3Response> {
  const bucket = await call.service.headBucket(requireBucket(call));
  return empty(200, { 'x-amz-bucket-region': bucket.region });
}

export async function getBucketLocation(call: S3Call): Promise<S3Response> {
  const bucket = await call.service.headBucket(requireBucket(call));
  // us-east-1 buckets answer an empty LocationConstraint.
  return xmlResponse(document('LocationConstraint', bucket.region === 'us-east-1' ? '' : bucket.region).replace('<LocationConstraint xmlns', '<LocationConstraint xmlns'));
}

export function ownerId(call: S3Call): string {
  return Buffer.from(call.service.accountId).toString('hex').padEnd(64, '0');
}

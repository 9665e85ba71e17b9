/**
 * Pre-signed URLs (@aws-sdk/s3-request-presigner) for GET and PUT, browser POST policies
 * (@aws-sdk/s3-presigned-post, posted with fetch + FormData) and CORS preflights, with and
 * without strict mode. Expired URLs are refused in both modes (403 AccessDenied "Request has
 * expired", as S3 and LocalStack answer); tampered, re-scoped or wrongly keyed ones in strict
 * mode (403 SignatureDoesNotMatch / InvalidAccessKeyId), where unsigned requests are AccessDenied.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { bodyText, raw, rawWithHost, startS3App, type S3App } from './helpers';

const BUCKET = 'stratus-uploads';
const codeOf = (text: string) => /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
const messageOf = (text: string) => /<Message>([^<]*)<\/Message>/.exec(text)?.[1]?.replace(/&quot;/g, '"');

async function presigned(s3: S3Client, command: GetObjectCommand | PutObjectCommand, options: { expiresIn?: number; signingDate?: Date } = {}) {
  return getSignedUrl(s3, command, { expiresIn: options.expiresIn ?? 300, ...(options.signingDate && { signingDate: options.signingDate }) });
}

function form(fields: Record<string, string>, file: string | Blob, extra: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries({ ...fields, ...extra })) data.append(k, v);
  data.append('file', typeof file === 'string' ? new Blob([file], { type: 'text/plain' }) : file, 'photo.txt');
  return data;
}

describe('default mode', () => {
  let s: S3App;
  before(async () => {
    s = await startS3App();
  });
  after(() => s?.close());

  test('presigned PUT then presigned GET move the bytes without the SDK', async () => {
    const putUrl = await presigned(s.s3, new PutObjectCommand({ Bucket: BUCKET, Key: 'pre/signed.txt', ContentType: 'text/plain' }));
    const put = await fetch(putUrl, { method: 'PUT', body: 'uploaded via url', headers: { 'content-type': 'text/plain' } });
    assert.equal(put.status, 200);
    assert.match(put.headers.get('etag') ?? '', /^"[0-9a-f]{32}"$/);
    const getUrl = await presigned(s.s3, new GetObjectCommand({ Bucket: BUCKET, Key: 'pre/signed.txt', ResponseContentDisposition: 'attachment' }));
    const got = await fetch(getUrl);
    assert.equal(got.status, 200);
    assert.equal(await got.text(), 'uploaded via url');
    assert.equal(got.headers.get('content-disposition'), 'attachment');
    // The virtual-hosted form of the same URL works too (Host names the bucket).
    const vhostUrl = await presigned(s.client({ forcePathStyle: false }), new GetObjectCommand({ Bucket: BUCKET, Key: 'pre/signed.txt' }));
    const url = new URL(vhostUrl);
    const viaHost = await rawWithHost(s.endpoint, 'GET', `${url.pathname}${url.search}`, url.host);
    assert.equal(viaHost.text, 'uploaded via url');
  });

  test('an expired presigned URL is 403 AccessDenied "Request has expired"; nothing stored', async () => {
    const url = await presigned(s.s3, new PutObjectCommand({ Bucket: BUCKET, Key: 'pre/expired.txt' }), { expiresIn: 60, signingDate: new Date(Date.now() - 3_600_000) });
    const res = await fetch(url, { method: 'PUT', body: 'late' });
    const text = await res.text();
    assert.equal(res.status, 403);
    assert.equal(codeOf(text), 'AccessDenied');
    assert.equal(messageOf(text), 'Request has expired');
    assert.match(text, /<X-Amz-Expires>60<\/X-Amz-Expires>/);
    await assert.rejects(s.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'pre/expired.txt' })), { name: 'NotFound' });
  });

  test('browser POST with createPresignedPost: 204, the object and its Content-Type stored', async () => {
    const post = await createPresignedPost(s.s3, {
      Bucket: BUCKET,
      Key: 'forms/${filename}',
      Conditions: [['content-length-range', 1, 1024], ['starts-with', '$Content-Type', 'text/']],
      Fields: { 'Content-Type': 'text/plain' },
      Expires: 300,
    });
    const res = await fetch(post.url, { method: 'POST', body: form(post.fields, 'posted from a page') });
    assert.equal(res.status, 204, await res.text());
    assert.ok(res.headers.get('etag'));
    const got = await s.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'forms/photo.txt' }));
    assert.equal(await bodyText(got.Body), 'posted from a page');
    assert.equal(got.ContentType, 'text/plain');
  });

  test('POST policy: 201 XML answer; conditions, size range and expiry refused with S3 errors; nothing stored', async () => {
    const post = await createPresignedPost(s.s3, { Bucket: BUCKET, Key: 'forms/exact.txt', Conditions: [['content-length-range', 1, 10]], Expires: 300 });
    const created = await fetch(post.url, { method: 'POST', body: form(post.fields, 'tiny', { success_action_status: '201' }) });
    // success_action_status must itself be covered by a condition: it is not, so S3 refuses it.
    assert.equal(created.status, 403);
    assert.match(messageOf(await created.text()) ?? '', /Extra input fields: success_action_status/);
    const withStatus = await createPresignedPost(s.s3, { Bucket: BUCKET, Key: 'forms/exact.txt', Conditions: [{ success_action_status: '201' }, ['content-length-range', 1, 10]], Fields: { success_action_status: '201' }, Expires: 300 });
    const ok = await fetch(withStatus.url, { method: 'POST', body: form(withStatus.fields, 'tiny') });
    assert.equal(ok.status, 201);
    assert.match(await ok.text(), /<PostResponse><Location>.*<\/Location><Bucket>stratus-uploads<\/Bucket><Key>forms\/exact.txt<\/Key><ETag>/);

    const big = await fetch(post.url, { method: 'POST', body: form(post.fields, 'far more than ten bytes') });
    assert.equal(big.status, 400);
    assert.equal(codeOf(await big.text()), 'EntityTooLarge');
    const otherKey = await fetch(post.url, { method: 'POST', body: form({ ...post.fields, key: 'forms/other.txt' }, 'tiny') });
    assert.equal(otherKey.status, 403);
    assert.match(messageOf(await otherKey.text()) ?? '', /Policy Condition failed: \["eq", "\$key", "forms\/exact.txt"\]/);
    const old = await createPresignedPost(s.s3, { Bucket: BUCKET, Key: 'forms/old.txt', Expires: -10 });
    const expired = await fetch(old.url, { method: 'POST', body: form(old.fields, 'tiny') });
    assert.equal(expired.status, 403);
    assert.match(messageOf(await expired.text()) ?? '', /Policy expired/);
    for (const key of ['forms/other.txt', 'forms/old.txt']) await assert.rejects(s.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })), { name: 'NotFound' });
  });

  test('CORS preflight answered from the bucket rules; refused origins and CORS-less buckets get 403', async () => {
    const preflight = (bucket: string, origin: string, method = 'PUT', headers = 'content-type') =>
      fetch(`${s.endpoint}/${bucket}/some/key`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers } });
    const ok = await preflight(BUCKET, 'http://app.example');
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://app.example');
    assert.equal(ok.headers.get('access-control-allow-methods'), 'GET, PUT, POST');
    assert.equal(ok.headers.get('access-control-allow-headers'), 'content-type');
    assert.equal(ok.headers.get('access-control-max-age'), '600');
    assert.equal(ok.headers.get('access-control-expose-headers'), 'ETag');
    const refused = await preflight(BUCKET, 'http://evil.example');
    assert.equal(refused.status, 403);
    assert.equal(codeOf(await refused.text()), 'AccessForbidden');
    const wrongMethod = await preflight(BUCKET, 'http://app.example', 'DELETE');
    assert.equal(wrongMethod.status, 403);
    const off = await preflight('plain', 'http://app.example');
    assert.equal(off.status, 403);
    assert.equal(codeOf(await off.text()), 'CORSResponse');
    // The actual request carries the CORS headers too.
    const actual = await fetch(`${s.endpoint}/${BUCKET}/forms/photo.txt`, { headers: { origin: 'http://app.example' } });
    assert.equal(actual.headers.get('access-control-allow-origin'), 'http://app.example');
    await actual.arrayBuffer();
  });
});

describe('strict mode (--credentials)', () => {
  let s: S3App;
  before(async () => {
    s = await startS3App({ strict: true });
  });
  after(() => s?.close());

  test('the SDK with the right key works (streamed, checksummed uploads included)', async () => {
    await s.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'strict/sdk.txt', Body: 'signed' }));
    assert.equal(await bodyText((await s.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'strict/sdk.txt' }))).Body), 'signed');
  });

  test('a wrong secret is SignatureDoesNotMatch, an unknown key InvalidAccessKeyId, no signature AccessDenied', async () => {
    const wrong = s.client({ credentials: { accessKeyId: 'AKIDS3TEST', secretAccessKey: 'not-the-secret' } });
    await assert.rejects(wrong.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'strict/bad.txt', Body: 'x' })), { name: 'SignatureDoesNotMatch' });
    const unknown = s.client({ credentials: { accessKeyId: 'AKIDNOBODY', secretAccessKey: 'x' } });
    await assert.rejects(unknown.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'strict/sdk.txt' })), { name: 'InvalidAccessKeyId' });
    const unsigned = await raw(s.endpoint, 'PUT', `/${BUCKET}/strict/bad.txt`, { body: 'x' });
    assert.deepEqual([unsigned.status, unsigned.code], [403, 'AccessDenied']);
    await assert.rejects(s.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'strict/bad.txt' })), { name: 'NotFound' });
  });

  test('presigned URLs: valid ones work; tampered key, expiry or scope are SignatureDoesNotMatch; expired is AccessDenied', async () => {
    const url = await presigned(s.s3, new GetObjectCommand({ Bucket: BUCKET, Key: 'strict/sdk.txt' }));
    assert.equal(await (await fetch(url)).text(), 'signed');
    const tamper = async (edit: (u: URL) => void) => {
      const u = new URL(url);
      edit(u);
      const res = await fetch(u);
      return [res.status, codeOf(await res.text())];
    };
    assert.deepEqual(await tamper((u) => (u.pathname = u.pathname.replace('sdk.txt', 'other.txt'))), [403, 'SignatureDoesNotMatch']);
    assert.deepEqual(await tamper((u) => u.searchParams.set('X-Amz-Expires', '600')), [403, 'SignatureDoesNotMatch']);
    assert.deepEqual(await tamper((u) => u.searchParams.set('X-Amz-Credential', u.searchParams.get('X-Amz-Credential')!.replace('us-east-1', 'eu-west-1'))), [403, 'SignatureDoesNotMatch']);
    const put = await presigned(s.s3, new PutObjectCommand({ Bucket: BUCKET, Key: 'strict/put.txt' }));
    assert.equal((await fetch(put, { method: 'PUT', body: 'by url' })).status, 200);
    const expired = await presigned(s.s3, new GetObjectCommand({ Bucket: BUCKET, Key: 'strict/sdk.txt' }), { expiresIn: 5, signingDate: new Date(Date.now() - 60_000) });
    const res = await fetch(expired);
    assert.deepEqual([res.status, messageOf(await res.text())], [403, 'Request has expired']);
  });

  test('POST policies: a signed policy works; a tampered policy is SignatureDoesNotMatch', async () => {
    const post = await createPresignedPost(s.s3, { Bucket: BUCKET, Key: 'strict/form.txt', Expires: 300 });
    assert.equal((await fetch(post.url, { method: 'POST', body: form(post.fields, 'signed form') })).status, 204);
    const policy = JSON.parse(Buffer.from(post.fields.Policy, 'base64').toString());
    policy.conditions = policy.conditions.map((c: unknown) => (typeof c === 'object' && c !== null && 'key' in c ? { key: 'strict/evil.txt' } : c));
    const tampered = { ...post.fields, Policy: Buffer.from(JSON.stringify(policy)).toString('base64'), key: 'strict/evil.txt' };
    const res = await fetch(post.url, { method: 'POST', body: form(tampered, 'evil') });
    assert.deepEqual([res.status, codeOf(await res.text())], [403, 'SignatureDoesNotMatch']);
    await assert.rejects(s.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'strict/evil.txt' })), { name: 'NotFound' });
  });
});

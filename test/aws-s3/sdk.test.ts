/**
 * S3 through the real SDK v3 client, path-style and virtual-hosted: buckets, objects (metadata,
 * content headers, ranges, conditions, copy, delete), listings (v2 and v1, delimiter, pagination,
 * url encoding), multipart uploads with S3's multipart ETag, tagging, CORS and notification
 * configuration. Shapes and codes follow the S3 API Reference of each operation.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteBucketCorsCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  DeleteObjectTaggingCommand,
  GetBucketCorsCommand,
  GetBucketLocationCommand,
  GetBucketNotificationConfigurationCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutBucketCorsCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { bodyText, rawWithHost, startS3App, type S3App } from './helpers';

let s: S3App;
let s3: S3Client;
const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');

before(async () => {
  s = await startS3App();
  s3 = s.s3;
});
after(() => s?.close());

const expectError = async (promise: Promise<unknown>, name: string, status: number) => {
  await assert.rejects(promise, (err: Error & { $metadata?: { httpStatusCode?: number } }) => {
    // A 304 has no body: the SDK can only name it 'Unknown'.
    if (status !== 304) assert.equal(err.name, name);
    assert.equal(err.$metadata?.httpStatusCode, status);
    return true;
  });
};

describe('buckets', () => {
  test('template buckets are listed; create, head, location, delete; S3 errors', async () => {
    const names = (await s3.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name);
    assert.ok(names.includes('stratus-uploads') && names.includes('plain'), `template buckets in ${names}`);
    await s3.send(new CreateBucketCommand({ Bucket: 'made-by-sdk' }));
    // us-east-1: re-creating a bucket you own answers 200 (S3 API Reference, CreateBucket).
    await s3.send(new CreateBucketCommand({ Bucket: 'made-by-sdk' }));
    await expectError(s3.send(new CreateBucketCommand({ Bucket: 'made-in-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })).then(() => s3.send(new CreateBucketCommand({ Bucket: 'made-in-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }))), 'BucketAlreadyOwnedByYou', 409);
    assert.equal((await s3.send(new GetBucketLocationCommand({ Bucket: 'made-in-eu' }))).LocationConstraint, 'eu-west-1');
    assert.equal((await s3.send(new HeadBucketCommand({ Bucket: 'made-by-sdk' }))).$metadata.httpStatusCode, 200);
    await expectError(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket-here' })), 'NotFound', 404);
    await expectError(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })), 'InvalidBucketName', 400);
    await s3.send(new PutObjectCommand({ Bucket: 'made-by-sdk', Key: 'k', Body: 'x' }));
    await expectError(s3.send(new DeleteBucketCommand({ Bucket: 'made-by-sdk' })), 'BucketNotEmpty', 409);
    await s3.send(new DeleteObjectCommand({ Bucket: 'made-by-sdk', Key: 'k' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'made-by-sdk' }));
    await expectError(s3.send(new DeleteBucketCommand({ Bucket: 'made-by-sdk' })), 'NoSuchBucket', 404);
  });
});

describe('objects', () => {
  before(() => s3.send(new CreateBucketCommand({ Bucket: 'objects' })));

  test('put and get keep content headers and user metadata; ETag is the MD5', async () => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'objects',
        Key: 'docs/report 1.txt',
        Body: 'hello, world',
        ContentType: 'text/plain; charset=utf-8',
        ContentDisposition: 'attachment; filename="r.txt"',
        ContentEncoding: 'identity',
        CacheControl: 'max-age=60',
        ContentLanguage: 'en',
        Metadata: { Owner: 'ana', 'unicode-name': 'zoë' },
      }),
    );
    assert.equal(put.ETag, `"${md5('hello, world')}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'docs/report 1.txt' }));
    assert.equal(await bodyText(got.Body), 'hello, world');
    assert.equal(got.ContentType, 'text/plain; charset=utf-8');
    assert.equal(got.ContentDisposition, 'attachment; filename="r.txt"');
    assert.equal(got.CacheControl, 'max-age=60');
    assert.equal(got.ContentLanguage, 'en');
    assert.equal(got.ContentLength, 12);
    assert.equal(got.ETag, put.ETag);
    assert.equal(got.Metadata?.owner, 'ana');
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'docs/report 1.txt' }));
    assert.equal(head.ContentLength, 12);
    assert.ok(head.LastModified instanceof Date);
    await expectError(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'missing' })), 'NoSuchKey', 404);
    await expectError(s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'missing' })), 'NotFound', 404);
    await expectError(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket-x', Key: 'k' })), 'NoSuchBucket', 404);
  });

  test('ranges: 206 with Content-Range, suffix and open ranges, 416 InvalidRange', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'digits', Body: '0123456789' }));
    const cases: [string, string, string][] = [
      ['bytes=2-4', '234', 'bytes 2-4/10'],
      ['bytes=7-', '789', 'bytes 7-9/10'],
      ['bytes=-3', '789', 'bytes 7-9/10'],
      ['bytes=8-100', '89', 'bytes 8-9/10'],
    ];
    for (const [range, body, contentRange] of cases) {
      const got = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: range }));
      assert.equal(got.$metadata.httpStatusCode, 206);
      assert.equal(await bodyText(got.Body), body);
      assert.equal(got.ContentRange, contentRange);
    }
    await expectError(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=10-' })), 'InvalidRange', 416);
    // Unparseable ranges are ignored: the whole object (S3 follows RFC 9110 here).
    const whole = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'digits', Range: 'bytes=abc' }));
    assert.equal(await bodyText(whole.Body), '0123456789');
  });

  test('conditional GETs: 304 NotModified and 412 PreconditionFailed', async () => {
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'cond', Body: 'v1' }));
    const ok = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfMatch: ETag }));
    assert.equal(await bodyText(ok.Body), 'v1');
    await expectError(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfNoneMatch: ETag })), '304', 304);
    await expectError(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfMatch: '"nope"' })), 'PreconditionFailed', 412);
    await expectError(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfModifiedSince: new Date(Date.now() + 60_000) })), '304', 304);
    await expectError(s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond', IfUnmodifiedSince: new Date(Date.now() - 3_600_000) })), 'PreconditionFailed', 412);
    // Conditional writes: If-None-Match: * only creates.
    await expectError(s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'cond', Body: 'v2', IfNoneMatch: '*' })), 'PreconditionFailed', 412);
    assert.equal(await bodyText((await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'cond' }))).Body), 'v1');
  });

  test('copy: metadata directive COPY and REPLACE; copy onto itself needs REPLACE', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'src', Body: 'copied bytes', ContentType: 'text/x-a', Metadata: { a: '1' } }));
    const copy = await s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'dst/copy', CopySource: 'objects/src' }));
    assert.equal(copy.CopyObjectResult?.ETag, `"${md5('copied bytes')}"`);
    const same = await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'dst/copy' }));
    assert.deepEqual([same.ContentType, same.Metadata], ['text/x-a', { a: '1' }]);
    await s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'dst/replaced', CopySource: '/objects/src', MetadataDirective: 'REPLACE', ContentType: 'text/x-b', Metadata: { b: '2' } }));
    const replaced = await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'dst/replaced' }));
    assert.deepEqual([replaced.ContentType, replaced.Metadata, await bodyText(replaced.Body)], ['text/x-b', { b: '2' }, 'copied bytes']);
    await expectError(s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'src', CopySource: 'objects/src' })), 'InvalidRequest', 400);
    await expectError(s3.send(new CopyObjectCommand({ Bucket: 'objects', Key: 'x', CopySource: 'objects/none' })), 'NoSuchKey', 404);
    // The source stays readable after the copy is deleted (the copy has bytes of its own).
    await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'dst/copy' }));
    assert.equal(await bodyText((await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'src' }))).Body), 'copied bytes');
  });

  test('DeleteObjects deletes each key, quiet or not; deleting a missing key is 204', async () => {
    for (const key of ['d/1', 'd/2', 'd/3']) await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: key, Body: key }));
    const out = await s3.send(new DeleteObjectsCommand({ Bucket: 'objects', Delete: { Objects: [{ Key: 'd/1' }, { Key: 'd/2' }, { Key: 'd/none' }] } }));
    assert.deepEqual(out.Deleted?.map((d) => d.Key).sort(), ['d/1', 'd/2', 'd/none']);
    const quiet = await s3.send(new DeleteObjectsCommand({ Bucket: 'objects', Delete: { Objects: [{ Key: 'd/3' }], Quiet: true } }));
    assert.equal(quiet.Deleted, undefined);
    const left = await s3.send(new ListObjectsV2Command({ Bucket: 'objects', Prefix: 'd/' }));
    assert.equal(left.KeyCount, 0);
    assert.equal((await s3.send(new DeleteObjectCommand({ Bucket: 'objects', Key: 'never' }))).$metadata.httpStatusCode, 204);
  });

  test('tagging: x-amz-tagging on put, Get/Put/DeleteObjectTagging', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'objects', Key: 'tagged', Body: 't', Tagging: 'a=1&b=two%20words' }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: 'objects', Key: 'tagged' }))).TagSet, [
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: 'two words' },
    ]);
    assert.equal((await s3.send(new HeadObjectCommand({ Bucket: 'objects', Key: 'tagged' }))).$metadata.httpStatusCode, 200);
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'objects', Key: 'tagged', Tagging: { TagSet: [{ Key: 'c', Value: '3' }] } }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: 'objects', Key: 'tagged' }))).TagSet, [{ Key: 'c', Value: '3' }]);
    await s3.send(new DeleteObjectTaggingCommand({ Bucket: 'objects', Key: 'tagged' }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: 'objects', Key: 'tagged' }))).TagSet, []);
    const tooMany = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v']));
    await expectError(s3.send(new PutObjectTaggingCommand({ Bucket: 'objects', Key: 'tagged', Tagging: { TagSet: Object.entries(tooMany).map(([Key, Value]) => ({ Key, Value })) } })), 'BadRequest', 400);
  });

  test('virtual-hosted addressing (bucket.localhost) reaches the same objects', async () => {
    const virtual = s.client({ forcePathStyle: false });
    await virtual.send(new PutObjectCommand({ Bucket: 'objects', Key: 'via/vhost', Body: 'virtual' }));
    assert.equal(await bodyText((await s3.send(new GetObjectCommand({ Bucket: 'objects', Key: 'via/vhost' }))).Body), 'virtual');
    assert.deepEqual((await virtual.send(new ListObjectsV2Command({ Bucket: 'objects', Prefix: 'via/' }))).Contents?.map((c) => c.Key), ['via/vhost']);
    // The other virtual-hosted spellings clients use, by Host header alone.
    const port = new URL(s.endpoint).port;
    for (const host of ['objects.s3.amazonaws.com', 'objects.s3.us-east-1.amazonaws.com', `objects.s3.localhost:${port}`, `objects.localhost:${port}`]) {
      assert.equal((await rawWithHost(s.endpoint, 'GET', '/via/vhost', host)).text, 'virtual', host);
    }
    // `s3.amazonaws.com` itself is path-style.
    assert.equal((await rawWithHost(s.endpoint, 'GET', '/objects/via/vhost', 's3.amazonaws.com')).text, 'virtual');
  });
});

describe('listing', () => {
  const keys = ['a.txt', 'photos/2024/jan.jpg', 'photos/2024/feb.jpg', 'photos/2025/mar.jpg', 'photos/cover.png', 'z key+plus.txt', 'é/accent'];
  before(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: 'listing', Key: key, Body: key }));
  });

  test('ListObjectsV2: byte order, prefix, delimiter and CommonPrefixes', async () => {
    const all = await s3.send(new ListObjectsV2Command({ Bucket: 'listing' }));
    assert.deepEqual(all.Contents?.map((c) => c.Key), [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    assert.equal(all.KeyCount, keys.length);
    assert.equal(all.Contents?.[0].Size, 5);
    assert.equal(all.Contents?.[0].StorageClass, 'STANDARD');
    const top = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
    assert.deepEqual(top.Contents?.map((c) => c.Key), ['a.txt', 'z key+plus.txt']);
    assert.deepEqual(top.CommonPrefixes?.map((p) => p.Prefix), ['photos/', 'é/']);
    const photos = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'photos/', Delimiter: '/' }));
    assert.deepEqual(photos.Contents?.map((c) => c.Key), ['photos/cover.png']);
    assert.deepEqual(photos.CommonPrefixes?.map((p) => p.Prefix), ['photos/2024/', 'photos/2025/']);
  });

  test('ListObjectsV2 pages with continuation tokens and start-after; common prefixes count as keys', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 2, Delimiter: '/', ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((c) => c.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
      assert.ok((page.KeyCount ?? 0) <= 2);
      token = page.NextContinuationToken;
      pages++;
      if (page.IsTruncated) assert.ok(token);
    } while (token);
    assert.deepEqual(seen.sort(), ['a.txt', 'photos/', 'z key+plus.txt', 'é/'].sort());
    assert.ok(pages >= 2);
    const after = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: 'photos/2025/mar.jpg' }));
    assert.deepEqual(after.Contents?.map((c) => c.Key), ['photos/cover.png', 'z key+plus.txt', 'é/accent']);
    assert.equal(after.StartAfter, 'photos/2025/mar.jpg');
  });

  test('encoding-type=url form-encodes keys (space as +, as botocore unquote_plus expects); the JS SDK hands them over as sent', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'z', EncodingType: 'url' }));
    assert.deepEqual(out.Contents?.map((c) => c.Key), ['z+key%2Bplus.txt']);
  });

  test('ListObjects v1: marker and NextMarker', async () => {
    const first = await s3.send(new ListObjectsCommand({ Bucket: 'listing', MaxKeys: 2, Delimiter: '/' }));
    assert.equal(first.IsTruncated, true);
    assert.deepEqual([...(first.Contents ?? []).map((c) => c.Key), ...(first.CommonPrefixes ?? []).map((p) => p.Prefix)], ['a.txt', 'photos/']);
    assert.equal(first.NextMarker, 'photos/');
    const rest = await s3.send(new ListObjectsCommand({ Bucket: 'listing', Marker: first.NextMarker, Delimiter: '/' }));
    assert.deepEqual([...(rest.Contents ?? []).map((c) => c.Key), ...(rest.CommonPrefixes ?? []).map((p) => p.Prefix)], ['z key+plus.txt', 'é/']);
    assert.equal(rest.IsTruncated, false);
  });
});

/**
 * Bad input on S3, each answered with S3's error code and status (S3 API Reference, "Error
 * responses") and nothing stored changed: malformed XML, bad bucket names, keys that look like
 * paths (stored as plain keys, never touching a file of that name), too-long keys, digests that
 * do not match (Content-MD5, x-amz-checksum-crc32, x-amz-content-sha256), broken aws-chunked
 * bodies, oversized metadata, unserved subresources.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { GetBucketCorsCommand, GetObjectCommand, ListObjectsV2Command, PutBucketCorsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { bodyText, raw, rawWithHost, startS3App, type S3App } from './helpers';

let s: S3App;
const B = 'errors';

before(async () => {
  s = await startS3App();
  await raw(s.endpoint, 'PUT', `/${B}`);
  await s.s3.send(new PutObjectCommand({ Bucket: B, Key: 'kept', Body: 'original' }));
  await s.s3.send(new PutBucketCorsCommand({ Bucket: B, CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET'] }] } }));
});
after(() => s?.close());

const kept = async () => bodyText((await s.s3.send(new GetObjectCommand({ Bucket: B, Key: 'kept' }))).Body);
const errorOf = async (method: string, path: string, init: { headers?: Record<string, string>; body?: string | Buffer } = {}) => {
  const r = await raw(s.endpoint, method, path, init);
  return [r.status, r.code];
};

test('malformed XML bodies are 400 MalformedXML; configurations stay as they were', async () => {
  const broken = ['<CORSConfiguration><CORSRule>', 'not xml at all', '', '<Other/>', '<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>'];
  for (const body of broken) assert.deepEqual(await errorOf('PUT', `/${B}?cors`, { body }), [400, 'MalformedXML'], body);
  assert.deepEqual((await s.s3.send(new GetBucketCorsCommand({ Bucket: B }))).CORSRules?.[0].AllowedOrigins, ['*']);
  for (const [path, body] of [
    [`/${B}?delete`, '<Delete><Object><Key>kept</Key>'],
    [`/${B}?delete`, '<Delete></Delete>'],
    [`/${B}/kept?tagging`, '<Tagging><TagSet><Tag><Key>a</Key></Tag>'],
    [`/${B}/kept?uploadId=x`, '<<<'],
    [`/brand-new-bucket`, '<CreateBucketConfiguration><LocationConstraint>'],
  ] as const) {
    const method = path.includes('tagging') || path.startsWith('/brand') ? 'PUT' : 'POST';
    assert.deepEqual(await errorOf(method, path, { body }), [400, 'MalformedXML'], path);
  }
  assert.equal(await kept(), 'original');
  assert.equal((await raw(s.endpoint, 'HEAD', '/brand-new-bucket')).status, 404);
});

test('bad bucket names are 400 InvalidBucketName and create nothing', async () => {
  for (const name of ['ab', 'UPPER', 'a..b', '192.168.1.1', 'x'.repeat(64), '-start', 'end-', 'under_score', 'xn--punycode', 'dot.-dash']) {
    assert.deepEqual(await errorOf('PUT', `/${encodeURIComponent(name)}`), [400, 'InvalidBucketName'], name);
  }
  const { Buckets = [] } = await s.s3.send(new (await import('@aws-sdk/client-s3')).ListBucketsCommand({}));
  assert.ok(!Buckets.some((b) => b.Name === 'ab' || b.Name === 'UPPER'));
});

test('path-traversal keys are plain keys: stored, listed and read back as sent, never as files of that name', async () => {
  const keys = ['../../etc/passwd', '..%2F..%2Fescape', '/leading/slash', 'a/./b/../c', '..', '%2e%2e/%2e%2e/x', 'back\\slash\\..\\..\\x', 'nul\u0001byte'];
  for (const key of keys) {
    await s.s3.send(new PutObjectCommand({ Bucket: B, Key: key, Body: `body of ${key}` }));
    assert.equal(await bodyText((await s.s3.send(new GetObjectCommand({ Bucket: B, Key: key }))).Body), `body of ${key}`, key);
  }
  // Raw, unnormalised paths as a hostile client sends them (fetch would normalise `..` away).
  const host = new URL(s.endpoint).host;
  const direct = await rawWithHost(s.endpoint, 'PUT', `/${B}/../../../../tmp/stratus-escape`, host, 'raw traversal');
  assert.equal(direct.status, 200, direct.text);
  assert.equal((await rawWithHost(s.endpoint, 'GET', `/${B}/..%2F..%2F..%2F..%2Ftmp%2Fstratus-escape`, host)).text, 'raw traversal');
  assert.equal((await rawWithHost(s.endpoint, 'GET', `/${B}/../../../../tmp/stratus-escape`, host)).text, 'raw traversal');
  const listed = (await s.s3.send(new ListObjectsV2Command({ Bucket: B }))).Contents!.map((c) => c.Key);
  for (const key of [...keys.filter((k) => !k.includes('\u0001')), '../../../../tmp/stratus-escape']) assert.ok(listed.includes(key), `listed ${key}`);
  // XML 1.0 cannot carry U+0001: such keys are listed with encoding-type=url, as S3 advises.
  const encoded = (await s.s3.send(new ListObjectsV2Command({ Bucket: B, Prefix: 'nul', EncodingType: 'url' }))).Contents!.map((c) => c.Key);
  assert.deepEqual(encoded, ['nul%01byte']);
  // Every file under the objects folder is a blob named by its id; no key became a path.
  const files = walk(join(s.stateDir, 'objects'));
  for (const file of files) assert.match(file, /^(tmp|[0-9a-f]{2}\/[0-9a-f]{32})$/, file);
  assert.equal(statSync('/tmp/stratus-escape', { throwIfNoEntry: false }), undefined);
});

test('a key over 1024 bytes is KeyTooLongError; metadata over 2 KB is MetadataTooLarge', async () => {
  assert.deepEqual(await errorOf('PUT', `/${B}/${'k'.repeat(1025)}`, { body: 'x' }), [400, 'KeyTooLongError']);
  assert.deepEqual(await errorOf('PUT', `/${B}/meta`, { body: 'x', headers: { 'x-amz-meta-big': 'v'.repeat(2100) } }), [400, 'MetadataTooLarge']);
  assert.equal((await raw(s.endpoint, 'HEAD', `/${B}/meta`)).status, 404);
});

test('digests that do not match are refused and the previous object stays', async () => {
  const md5 = (t: string) => createHash('md5').update(t).digest('base64');
  assert.deepEqual(await errorOf('PUT', `/${B}/kept`, { body: 'replacement', headers: { 'content-md5': md5('other') } }), [400, 'BadDigest']);
  assert.deepEqual(await errorOf('PUT', `/${B}/kept`, { body: 'replacement', headers: { 'content-md5': 'not-base64-md5' } }), [400, 'InvalidDigest']);
  assert.deepEqual(await errorOf('PUT', `/${B}/kept`, { body: 'replacement', headers: { 'x-amz-checksum-crc32': 'AAAAAA==' } }), [400, 'BadDigest']);
  const sha = createHash('sha256').update('other').digest('hex');
  assert.deepEqual(await errorOf('PUT', `/${B}/kept`, { body: 'replacement', headers: { 'x-amz-content-sha256': sha } }), [400, 'XAmzContentSHA256Mismatch']);
  assert.equal(await kept(), 'original');
  // A matching Content-MD5 is accepted.
  assert.equal((await raw(s.endpoint, 'PUT', `/${B}/md5-ok`, { body: 'fine', headers: { 'content-md5': md5('fine') } })).status, 200);
});

test('broken aws-chunked bodies are refused; a well-formed one with a CRC32 trailer is stored', async () => {
  const chunked = (body: string) => ({ body, headers: { 'content-encoding': 'aws-chunked', 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-trailer': 'x-amz-checksum-crc32' } });
  assert.deepEqual(await errorOf('PUT', `/${B}/kept`, chunked('zz\r\nabc\r\n0\r\n\r\n')), [403, 'InvalidChunkSizeError']);
  assert.deepEqual(await errorOf('PUT', `/${B}/kept`, chunked('5\r\nabc')), [400, 'IncompleteBody']);
  assert.deepEqual(await errorOf('PUT', `/${B}/kept`, chunked('3\r\nabcXY0\r\n\r\n')), [403, 'InvalidChunkSizeError']);
  assert.deepEqual(await errorOf('PUT', `/${B}/kept`, chunked('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n')), [400, 'BadDigest']);
  assert.equal(await kept(), 'original');
  // crc32("abc") = 0x352441c2 → NSRBwg==
  const ok = await raw(s.endpoint, 'PUT', `/${B}/chunked-ok`, chunked('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n'));
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.headers.get('x-amz-checksum-crc32'), 'NSRBwg==');
  assert.equal(await bodyText((await s.s3.send(new GetObjectCommand({ Bucket: B, Key: 'chunked-ok' }))).Body), 'abc');
});

test('unserved subresources are 501 NotImplemented; wrong methods 405; errors carry S3 request ids', async () => {
  assert.deepEqual(await errorOf('GET', `/${B}?acl`), [501, 'NotImplemented']);
  assert.deepEqual(await errorOf('PUT', `/${B}?policy`, { body: '{}' }), [501, 'NotImplemented']);
  assert.deepEqual(await errorOf('PATCH', `/${B}/kept`), [405, 'MethodNotAllowed']);
  const r = await raw(s.endpoint, 'GET', `/${B}/missing-key`);
  assert.match(r.text, /<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>missing-key<\/Key><Resource>\/errors\/missing-key<\/Resource><RequestId>[0-9A-F]{16}<\/RequestId><HostId>/);
  assert.match(r.headers.get('x-amz-request-id') ?? '', /^[0-9A-F]{16}$/);
  assert.equal(await kept(), 'original');
});

test('an upload cut off mid-body stores nothing and leaves no temp file', async () => {
  const url = new URL(s.endpoint);
  await new Promise<void>((resolve) => {
    const req = request({ host: url.hostname, port: url.port, method: 'PUT', path: `/${B}/kept`, headers: { 'content-length': String(1024 * 1024) } });
    req.on('error', () => resolve());
    req.write(Buffer.alloc(100 * 1024, 0x63), () => setTimeout(() => req.destroy(), 50));
    req.on('close', () => resolve());
  });
  // The server notices the reset asynchronously (a loaded machine may take a while).
  const deadline = Date.now() + 15_000;
  while (readdirSync(join(s.stateDir, 'objects', 'tmp')).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(readdirSync(join(s.stateDir, 'objects', 'tmp')), []);
  assert.equal(await kept(), 'original');
});

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (!e.isDirectory()) return [rel];
    const inner = walk(join(dir, e.name), rel);
    return e.name === 'tmp' ? [rel, ...inner] : inner;
  });
}

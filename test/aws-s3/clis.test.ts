/**
 * The installed CLIs against S3: `aws s3 mb/cp/sync/ls/rm/rb` and `aws s3api` basics with the v2
 * CLI (/usr/bin/aws) and the pip v1 CLI, a 12 MiB `cp` that the CLI sends as a multipart upload,
 * a second `sync` that finds nothing to upload, and boto3 (put, get, list, presigned URL).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { removeDir, tempDir } from '../support/stratus-process';
import { CLI_V2, startS3App, type S3App } from './helpers';

const run = promisify(execFile);
let s: S3App;
const work = tempDir('stratus-s3-cli-');
const big = randomBytes(12 * 1024 * 1024);

before(async () => {
  s = await startS3App();
  mkdirSync(join(work, 'site/css'), { recursive: true });
  writeFileSync(join(work, 'site/index.html'), '<h1>hi</h1>');
  writeFileSync(join(work, 'site/css/app.css'), 'body{}');
  writeFileSync(join(work, 'big.bin'), big);
});
after(async () => {
  await s?.close();
  removeDir(work);
});

const aws = async (bin: string, ...args: string[]) => (await run(bin, ['--endpoint-url', s.endpoint, ...args], { env: s.env, encoding: 'utf8', maxBuffer: 1 << 24 })).stdout;

for (const [label, bin] of [['v2', CLI_V2], ['v1', 'aws']] as const) {
  test(`aws s3 (${label}): mb, cp (multipart for a big file), sync, ls, cp to stdout, rm, rb`, { timeout: 120_000 }, async () => {
    const bucket = `cli-${label}`;
    assert.match(await aws(bin, 's3', 'mb', `s3://${bucket}`), new RegExp(`make_bucket: ${bucket}`));
    await aws(bin, 's3', 'cp', join(work, 'big.bin'), `s3://${bucket}/big.bin`);
    const head = await s.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'big.bin' }));
    assert.equal(head.ContentLength, big.length);
    assert.match(head.ETag!, /-\d+"$/, 'the CLI uploads a 12 MiB file in parts');
    await aws(bin, 's3', 'cp', `s3://${bucket}/big.bin`, join(work, `back-${label}.bin`));
    assert.equal(createHash('md5').update(readFileSync(join(work, `back-${label}.bin`))).digest('hex'), createHash('md5').update(big).digest('hex'));
    const synced = await aws(bin, 's3', 'sync', join(work, 'site'), `s3://${bucket}/site`);
    assert.match(synced, /upload: .*index\.html/);
    assert.equal((await aws(bin, 's3', 'sync', join(work, 'site'), `s3://${bucket}/site`)).trim(), '', 'nothing changed, nothing uploaded');
    const listing = await aws(bin, 's3', 'ls', `s3://${bucket}/`, '--recursive');
    for (const key of ['big.bin', 'site/index.html', 'site/css/app.css']) assert.match(listing, new RegExp(key.replace('.', '\\.')));
    assert.match(await aws(bin, 's3', 'ls', `s3://${bucket}/site/`), /PRE css\//);
    assert.equal(await aws(bin, 's3', 'cp', `s3://${bucket}/site/css/app.css`, '-'), 'body{}');
    await aws(bin, 's3', 'rm', `s3://${bucket}/`, '--recursive');
    assert.match(await aws(bin, 's3', 'rb', `s3://${bucket}`), /remove_bucket/);
  });
}

test('aws s3api (v2): put-object with metadata, head-object, list-objects-v2, get-object-tagging, errors', async () => {
  await aws(CLI_V2, 's3api', 'create-bucket', '--bucket', 'cli-api');
  await aws(CLI_V2, 's3api', 'put-object', '--bucket', 'cli-api', '--key', 'doc.txt', '--body', join(work, 'site/index.html'), '--metadata', 'owner=ana', '--tagging', 'x=1', '--content-type', 'text/html');
  const head = JSON.parse(await aws(CLI_V2, 's3api', 'head-object', '--bucket', 'cli-api', '--key', 'doc.txt'));
  assert.deepEqual([head.ContentType, head.Metadata, head.ContentLength], ['text/html', { owner: 'ana' }, 11]);
  const list = JSON.parse(await aws(CLI_V2, 's3api', 'list-objects-v2', '--bucket', 'cli-api'));
  assert.deepEqual(list.Contents.map((c: { Key: string }) => c.Key), ['doc.txt']);
  assert.deepEqual(JSON.parse(await aws(CLI_V2, 's3api', 'get-object-tagging', '--bucket', 'cli-api', '--key', 'doc.txt')).TagSet, [{ Key: 'x', Value: '1' }]);
  await assert.rejects(aws(CLI_V2, 's3api', 'get-object', '--bucket', 'cli-api', '--key', 'missing', join(work, 'out')), /NoSuchKey/);
});

test('boto3: put, get, list, delete and a presigned GET URL', async () => {
  const script = `
import boto3, json, os, urllib.request
s3 = boto3.client('s3', endpoint_url=os.environ['ENDPOINT'])
s3.create_bucket(Bucket='boto-bucket')
s3.put_object(Bucket='boto-bucket', Key='k 1.txt', Body=b'from boto3', Metadata={'m': 'v'})
got = s3.get_object(Bucket='boto-bucket', Key='k 1.txt')
keys = [o['Key'] for o in s3.list_objects_v2(Bucket='boto-bucket')['Contents']]
url = s3.generate_presigned_url('get_object', Params={'Bucket': 'boto-bucket', 'Key': 'k 1.txt'}, ExpiresIn=60)
via_url = urllib.request.urlopen(url).read().decode()
s3.delete_object(Bucket='boto-bucket', Key='k 1.txt')
left = s3.list_objects_v2(Bucket='boto-bucket')['KeyCount']
print(json.dumps({'body': got['Body'].read().decode(), 'meta': got['Metadata'], 'keys': keys, 'url': via_url, 'left': left}))
`;
  const { stdout } = await run('python3', ['-c', script], { env: { ...s.env, ENDPOINT: s.endpoint }, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(stdout), { body: 'from boto3', meta: { m: 'v' }, keys: ['k 1.txt'], url: 'from boto3', left: 0 });
});

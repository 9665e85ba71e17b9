/**
 * Large objects stream: 1 GiB goes up through the SDK (a stream body: aws-chunked with a CRC32
 * trailer) into the real `stratus start` and back down, while the server's resident memory stays
 * bounded (sampled from /proc/<pid>/status). Nothing buffers a whole object on either path.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startStratus, tempDir, removeDir, type StratusProcess } from '../support/stratus-process';
import { CREDENTIALS } from './helpers';

const GiB = 1024 * 1024 * 1024;
const CHUNK = Buffer.alloc(1024 * 1024, 0x61);
/** Far below the object's size: what a streaming server may add on top of its idle footprint. */
const MAX_GROWTH_MB = 200;

const stateDir = tempDir('stratus-s3-memory-');
let proc: StratusProcess;
let s3: S3Client;

before(async () => {
  proc = await startStratus(['test/aws-s3/fixture/template.yaml'], { stateDir });
  s3 = new S3Client({ endpoint: proc.edgeUrl, region: 'us-east-1', credentials: CREDENTIALS, forcePathStyle: true, maxAttempts: 1 });
  await s3.send(new CreateBucketCommand({ Bucket: 'big-objects' }));
});
after(async () => {
  s3?.destroy();
  await proc?.stop();
  removeDir(stateDir);
});

const rssMb = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

function sampler() {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb())), 100);
  return { stop: () => (clearInterval(timer), Math.max(peak, rssMb())) };
}

test('a 1 GiB upload and download keep the server memory flat', { timeout: 600_000 }, async () => {
  const idle = rssMb();
  const expected = createHash('md5');
  const body = Readable.from(
    (function* () {
      for (let i = 0; i < GiB / CHUNK.length; i++) {
        expected.update(CHUNK);
        yield CHUNK;
      }
    })(),
  );
  const up = sampler();
  const put = await s3.send(new PutObjectCommand({ Bucket: 'big-objects', Key: 'one-gib.bin', Body: body, ContentLength: GiB }));
  const upPeak = up.stop();
  assert.equal(put.ETag, `"${expected.digest('hex')}"`);

  const down = sampler();
  const got = await s3.send(new GetObjectCommand({ Bucket: 'big-objects', Key: 'one-gib.bin' }));
  assert.equal(got.ContentLength, GiB);
  let size = 0;
  for await (const chunk of got.Body as AsyncIterable<Buffer>) size += chunk.length;
  const downPeak = down.stop();
  assert.equal(size, GiB);
  await s3.send(new DeleteObjectCommand({ Bucket: 'big-objects', Key: 'one-gib.bin' }));
  process.stdout.write(`server RSS: idle ${idle.toFixed(0)} MB, upload peak ${upPeak.toFixed(0)} MB, download peak ${downPeak.toFixed(0)} MB\n`);
  assert.ok(upPeak - idle < MAX_GROWTH_MB, `upload grew the server by ${(upPeak - idle).toFixed(0)} MB`);
  assert.ok(downPeak - idle < MAX_GROWTH_MB, `download grew the server by ${(downPeak - idle).toFixed(0)} MB`);
});

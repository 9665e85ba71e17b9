/**
 * S3 on the PostgreSQL engine: the same service and wire, metadata in PostgreSQL (a throwaway
 * cluster), bytes in the state folder — put, list, multipart, copy, delete and a restart.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { startTestDatabase } from '../engine/fixtures/pg-cluster';
import { removeDir, tempDir } from '../support/stratus-process';
import { bodyText, startS3App } from './helpers';

const database = await startTestDatabase('s3');
const stateDir = tempDir('stratus-s3-pg-');
after(async () => {
  await database.stop();
  removeDir(stateDir);
});

test('objects on PostgreSQL: put, list, multipart, copy, delete, and still there after a restart', async () => {
  let s = await startS3App({ engineUrl: database.url, stateDir });
  try {
    await s.s3.send(new CreateBucketCommand({ Bucket: 'pg-bucket' }));
    for (const key of ['b', 'a/1', 'a/2', 'é']) await s.s3.send(new PutObjectCommand({ Bucket: 'pg-bucket', Key: key, Body: `v:${key}` }));
    const listed = await s.s3.send(new ListObjectsV2Command({ Bucket: 'pg-bucket', Delimiter: '/' }));
    assert.deepEqual(listed.Contents?.map((c) => c.Key), ['b', 'é']);
    assert.deepEqual(listed.CommonPrefixes?.map((p) => p.Prefix), ['a/']);
    const { UploadId } = await s.s3.send(new CreateMultipartUploadCommand({ Bucket: 'pg-bucket', Key: 'mp' }));
    const { ETag } = await s.s3.send(new UploadPartCommand({ Bucket: 'pg-bucket', Key: 'mp', UploadId, PartNumber: 1, Body: 'parted' }));
    await s.s3.send(new CompleteMultipartUploadCommand({ Bucket: 'pg-bucket', Key: 'mp', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] } }));
    await s.s3.send(new CopyObjectCommand({ Bucket: 'pg-bucket', Key: 'mp-copy', CopySource: 'pg-bucket/mp' }));
    await s.s3.send(new DeleteObjectCommand({ Bucket: 'pg-bucket', Key: 'b' }));
  } finally {
    await s.close();
  }
  s = await startS3App({ engineUrl: database.url, stateDir });
  try {
    assert.equal(await bodyText((await s.s3.send(new GetObjectCommand({ Bucket: 'pg-bucket', Key: 'mp-copy' }))).Body), 'parted');
    const keys = (await s.s3.send(new ListObjectsV2Command({ Bucket: 'pg-bucket' }))).Contents?.map((c) => c.Key);
    assert.deepEqual(keys, ['a/1', 'a/2', 'mp', 'mp-copy', 'é']);
  } finally {
    await s.close();
  }
});

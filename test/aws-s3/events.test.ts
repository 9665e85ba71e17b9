/**
 * S3 event notifications end to end through the real `stratus start`: the template's function
 * `S3` event (suffix .txt), its QueueConfiguration (prefix incoming/) and TopicConfiguration
 * (removals, fanned out to an SQS subscription) each receive S3's record shape, for puts, copies,
 * multipart completions, browser POST uploads and deletes (S3 User Guide,
 * "Event message structure", version 2.1); objects and configuration survive a restart.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startStratus, tempDir, removeDir, type StratusProcess } from '../support/stratus-process';
import { CREDENTIALS, bodyText } from './helpers';

const FIXTURE = 'test/aws-s3/fixture/template.yaml';
const stateDir = tempDir('stratus-s3-events-');
let proc: StratusProcess;
let s3: S3Client;
let sqs: SQSClient;

const clients = (endpoint: string) => {
  s3 = new S3Client({ endpoint, region: 'us-east-1', credentials: CREDENTIALS, forcePathStyle: true, maxAttempts: 1 });
  sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS });
};

before(async () => {
  proc = await startStratus([FIXTURE], { stateDir });
  clients(proc.edgeUrl);
});
after(async () => {
  s3?.destroy();
  sqs?.destroy();
  await proc?.stop();
  removeDir(stateDir);
});

async function receive(queue: string, predicate: (body: any) => boolean): Promise<any> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${proc.edgeUrl}/000000000000/${queue}`, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }));
    for (const m of Messages) {
      const body = JSON.parse(m.Body!);
      if (predicate(body)) return body;
    }
  }
  throw new Error(`no matching message on ${queue}`);
}

async function loggedRecord(key: string): Promise<any> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const m of proc.stdout().matchAll(/S3EVENT (\{.*\})/g)) {
      const record = JSON.parse(m[1]);
      if (record.s3.object.key === key) return record;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no S3 event for ${key} in:\n${proc.stdout()}`);
}

test('a put reaches the function (suffix .txt) with S3 record shape; the key is URL-encoded as S3 does', async () => {
  const put = await s3.send(new PutObjectCommand({ Bucket: 'stratus-uploads', Key: 'notes/hello world.txt', Body: 'hi there' }));
  const record = await loggedRecord('notes/hello+world.txt');
  assert.equal(record.eventVersion, '2.1');
  assert.equal(record.eventSource, 'aws:s3');
  assert.equal(record.awsRegion, 'us-east-1');
  assert.equal(record.eventName, 'ObjectCreated:Put');
  assert.match(record.eventTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.match(record.userIdentity.principalId, /^AWS:/);
  assert.ok(record.requestParameters.sourceIPAddress);
  assert.match(record.responseElements['x-amz-request-id'], /^[0-9A-F]{16}$/);
  assert.ok(record.responseElements['x-amz-id-2']);
  assert.equal(record.s3.s3SchemaVersion, '1.0');
  assert.equal(record.s3.configurationId, 'OnUploadTextUploads');
  assert.deepEqual(record.s3.bucket.name, 'stratus-uploads');
  assert.equal(record.s3.bucket.arn, 'arn:aws:s3:::stratus-uploads');
  assert.ok(record.s3.bucket.ownerIdentity.principalId);
  assert.equal(record.s3.object.size, 8);
  assert.equal(record.s3.object.eTag, put.ETag!.replace(/"/g, ''));
  assert.match(record.s3.object.sequencer, /^[0-9A-F]+$/);
  // The handler reads the object back through the SDK (unquote_plus of the key, as S3 advises).
  await proc.waitFor(/S3BODY \{"key":"notes\/hello world.txt","body":"hi there"\}/);
});

test('creates under incoming/ reach the queue; copies are ObjectCreated:Copy; others are filtered out', async () => {
  await s3.send(new PutObjectCommand({ Bucket: 'stratus-uploads', Key: 'elsewhere/x.bin', Body: 'not for the queue' }));
  await s3.send(new PutObjectCommand({ Bucket: 'stratus-uploads', Key: 'incoming/a.bin', Body: 'for the queue' }));
  const put = await receive('s3-created', (b) => b.Records?.[0]?.s3.object.key === 'incoming/a.bin');
  assert.equal(put.Records[0].eventName, 'ObjectCreated:Put');
  assert.equal(put.Records[0].s3.object.size, 13);
  await s3.send(new CopyObjectCommand({ Bucket: 'stratus-uploads', Key: 'incoming/b.bin', CopySource: 'stratus-uploads/incoming/a.bin' }));
  const copy = await receive('s3-created', (b) => b.Records?.[0]?.s3.object.key === 'incoming/b.bin');
  assert.equal(copy.Records[0].eventName, 'ObjectCreated:Copy');
});

test('multipart completions and browser POST uploads are ObjectCreated:CompleteMultipartUpload and ObjectCreated:Post', async () => {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'stratus-uploads', Key: 'incoming/mp.bin' }));
  const { ETag } = await s3.send(new UploadPartCommand({ Bucket: 'stratus-uploads', Key: 'incoming/mp.bin', UploadId, PartNumber: 1, Body: 'one part' }));
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'stratus-uploads', Key: 'incoming/mp.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] } }));
  const mp = await receive('s3-created', (b) => b.Records?.[0]?.s3.object.key === 'incoming/mp.bin');
  assert.equal(mp.Records[0].eventName, 'ObjectCreated:CompleteMultipartUpload');
  assert.match(mp.Records[0].s3.object.eTag, /^[0-9a-f]{32}-1$/);
  const post = await createPresignedPost(s3, { Bucket: 'stratus-uploads', Key: 'incoming/form.txt', Expires: 60 });
  const form = new FormData();
  for (const [k, v] of Object.entries(post.fields)) form.append(k, v);
  form.append('file', new Blob(['from a form']), 'form.txt');
  assert.equal((await fetch(post.url, { method: 'POST', body: form })).status, 204);
  const posted = await receive('s3-created', (b) => b.Records?.[0]?.s3.object.key === 'incoming/form.txt');
  assert.equal(posted.Records[0].eventName, 'ObjectCreated:Post');
  assert.equal((await loggedRecord('incoming/form.txt')).eventName, 'ObjectCreated:Post');
});

test('a delete reaches the topic, and through it the subscribed queue, as ObjectRemoved:Delete', async () => {
  await s3.send(new DeleteObjectCommand({ Bucket: 'stratus-uploads', Key: 'elsewhere/x.bin' }));
  const note = await receive('s3-removed-copy', (b) => typeof b.Message === 'string' && b.Message.includes('elsewhere/x.bin'));
  assert.equal(note.Type, 'Notification');
  assert.equal(note.TopicArn, 'arn:aws:sns:us-east-1:000000000000:s3-removed');
  const record = JSON.parse(note.Message).Records[0];
  assert.equal(record.eventName, 'ObjectRemoved:Delete');
  assert.equal(record.s3.object.key, 'elsewhere/x.bin');
  assert.equal(record.s3.object.size, undefined);
});

test('objects survive a restart of stratus', async () => {
  await s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'kept/across/restart', Body: 'still here', Metadata: { k: 'v' } }));
  s3.destroy();
  sqs.destroy();
  await proc.stop();
  proc = await startStratus([FIXTURE], { stateDir });
  clients(proc.edgeUrl);
  const got = await s3.send(new GetObjectCommand({ Bucket: 'plain', Key: 'kept/across/restart' }));
  assert.equal(await bodyText(got.Body), 'still here');
  assert.deepEqual(got.Metadata, { k: 'v' });
});

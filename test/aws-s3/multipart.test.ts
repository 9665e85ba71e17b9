/**
 * Multipart uploads through the SDK (S3 API Reference: CreateMultipartUpload … ListParts): the
 * multipart ETag (MD5 of the parts' binary MD5s, then -N), part replacement, UploadPartCopy,
 * S3's completion errors (InvalidPart, InvalidPartOrder, EntityTooSmall, NoSuchUpload), abort;
 * and the bucket tagging, CORS and notification configuration round trips.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCorsCommand,
  DeleteBucketTaggingCommand,
  GetBucketTaggingCommand,
  PutBucketTaggingCommand,
  GetBucketCorsCommand,
  GetBucketNotificationConfigurationCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutBucketCorsCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { bodyText, CREDENTIALS, startS3App, type S3App } from './helpers';

let s: S3App;
let s3: S3Client;
const MiB = 1024 * 1024;
const md5 = (data: Buffer) => createHash('md5').update(data).digest();

before(async () => {
  s = await startS3App();
  s3 = s.s3;
  await s3.send(new CreateBucketCommand({ Bucket: 'multi' }));
});
after(() => s?.close());

const rejectsWith = (promise: Promise<unknown>, name: string, status: number) =>
  assert.rejects(promise, (err: Error & { $metadata?: { httpStatusCode?: number } }) => err.name === name && err.$metadata?.httpStatusCode === status);

describe('multipart uploads', () => {
  test('complete: bytes in part order, S3 multipart ETag, metadata from the create, ListParts and ListMultipartUploads', async () => {
    const part1 = Buffer.alloc(5 * MiB, 'a');
    const part2 = Buffer.from('the tail');
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'multi', Key: 'big.bin', ContentType: 'application/x-big', Metadata: { m: '1' } }));
    assert.ok(UploadId);
    assert.deepEqual((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'multi' }))).Uploads?.map((u) => u.Key), ['big.bin']);
    const e2 = (await s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'big.bin', UploadId, PartNumber: 2, Body: part2 }))).ETag!;
    // A part uploaded again replaces the first upload of that number.
    await s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'big.bin', UploadId, PartNumber: 1, Body: Buffer.alloc(5 * MiB, 'x') }));
    const e1 = (await s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'big.bin', UploadId, PartNumber: 1, Body: part1 }))).ETag!;
    const parts = await s3.send(new ListPartsCommand({ Bucket: 'multi', Key: 'big.bin', UploadId }));
    assert.deepEqual(parts.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size]), [
      [1, e1, 5 * MiB],
      [2, e2, 8],
    ]);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: 'multi', Key: 'big.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1 }, { PartNumber: 2, ETag: e2 }] } }),
    );
    const expected = `"${createHash('md5').update(Buffer.concat([md5(part1), md5(part2)])).digest('hex')}-2"`;
    assert.equal(done.ETag, expected);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'multi', Key: 'big.bin' }));
    assert.deepEqual([head.ETag, head.ContentLength, head.ContentType, head.Metadata], [expected, 5 * MiB + 8, 'application/x-big', { m: '1' }]);
    const tail = await s3.send(new GetObjectCommand({ Bucket: 'multi', Key: 'big.bin', Range: `bytes=${5 * MiB - 2}-` }));
    assert.equal(await bodyText(tail.Body), 'aathe tail');
    assert.deepEqual((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'multi' }))).Uploads ?? [], []);
    await rejectsWith(s3.send(new ListPartsCommand({ Bucket: 'multi', Key: 'big.bin', UploadId })), 'NoSuchUpload', 404);
  });

  test('completion errors: InvalidPart, InvalidPartOrder, EntityTooSmall, MalformedXML; nothing stored', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'multi', Key: 'bad.bin' }));
    const e1 = (await s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'bad.bin', UploadId, PartNumber: 1, Body: 'small' }))).ETag!;
    const e2 = (await s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'bad.bin', UploadId, PartNumber: 2, Body: 'small too' }))).ETag!;
    const complete = (Parts: { PartNumber: number; ETag: string }[]) => s3.send(new CompleteMultipartUploadCommand({ Bucket: 'multi', Key: 'bad.bin', UploadId, MultipartUpload: { Parts } }));
    await rejectsWith(complete([{ PartNumber: 1, ETag: '"0000"' }]), 'InvalidPart', 400);
    await rejectsWith(complete([{ PartNumber: 3, ETag: e1 }]), 'InvalidPart', 400);
    await rejectsWith(complete([{ PartNumber: 2, ETag: e2 }, { PartNumber: 1, ETag: e1 }]), 'InvalidPartOrder', 400);
    await rejectsWith(complete([{ PartNumber: 1, ETag: e1 }, { PartNumber: 2, ETag: e2 }]), 'EntityTooSmall', 400);
    await rejectsWith(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'multi', Key: 'bad.bin', UploadId, MultipartUpload: { Parts: [] } })), 'MalformedXML', 400);
    await rejectsWith(s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'bad.bin', UploadId, PartNumber: 10_001, Body: 'x' })), 'InvalidArgument', 400);
    await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: 'multi', Key: 'bad.bin' })), 'NotFound', 404);
    // A single small part is fine: only parts before the last must be 5 MiB.
    const one = await complete([{ PartNumber: 2, ETag: e2 }]);
    assert.match(one.ETag!, /-1"$/);
    assert.equal(await bodyText((await s3.send(new GetObjectCommand({ Bucket: 'multi', Key: 'bad.bin' }))).Body), 'small too');
  });

  test('abort removes the upload; a wrong upload id is NoSuchUpload', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'multi', Key: 'gone.bin' }));
    await s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'gone.bin', UploadId, PartNumber: 1, Body: 'x' }));
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'multi', Key: 'gone.bin', UploadId }));
    await rejectsWith(s3.send(new AbortMultipartUploadCommand({ Bucket: 'multi', Key: 'gone.bin', UploadId })), 'NoSuchUpload', 404);
    await rejectsWith(s3.send(new UploadPartCommand({ Bucket: 'multi', Key: 'gone.bin', UploadId: 'nope', PartNumber: 1, Body: 'x' })), 'NoSuchUpload', 404);
  });

  test('UploadPartCopy copies a range of an object into a part', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'multi', Key: 'source.txt', Body: '0123456789' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'multi', Key: 'from-copy.txt' }));
    const copied = await s3.send(new UploadPartCopyCommand({ Bucket: 'multi', Key: 'from-copy.txt', UploadId, PartNumber: 1, CopySource: 'multi/source.txt', CopySourceRange: 'bytes=2-5' }));
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'multi', Key: 'from-copy.txt', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: copied.CopyPartResult!.ETag }] } }));
    assert.equal(await bodyText((await s3.send(new GetObjectCommand({ Bucket: 'multi', Key: 'from-copy.txt' }))).Body), '2345');
  });
});

describe('bucket configuration', () => {
  test('bucket tagging: template Tags, put, get, delete; NoSuchTagSet when none', async () => {
    assert.deepEqual((await s3.send(new GetBucketTaggingCommand({ Bucket: 'stratus-uploads' }))).TagSet, [{ Key: 'team', Value: 's3' }]);
    await rejectsWith(s3.send(new GetBucketTaggingCommand({ Bucket: 'multi' })), 'NoSuchTagSet', 404);
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'multi', Tagging: { TagSet: [{ Key: 'env', Value: 'dev' }] } }));
    assert.deepEqual((await s3.send(new GetBucketTaggingCommand({ Bucket: 'multi' }))).TagSet, [{ Key: 'env', Value: 'dev' }]);
    await s3.send(new DeleteBucketTaggingCommand({ Bucket: 'multi' }));
    await rejectsWith(s3.send(new GetBucketTaggingCommand({ Bucket: 'multi' })), 'NoSuchTagSet', 404);
  });

  test('CORS: put, get, delete; NoSuchCORSConfiguration after delete', async () => {
    const rules = [{ AllowedOrigins: ['https://*.example.com'], AllowedMethods: ['GET', 'PUT'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 300 }];
    await s3.send(new PutBucketCorsCommand({ Bucket: 'multi', CORSConfiguration: { CORSRules: rules } }));
    assert.deepEqual((await s3.send(new GetBucketCorsCommand({ Bucket: 'multi' }))).CORSRules, rules);
    await rejectsWith(s3.send(new PutBucketCorsCommand({ Bucket: 'multi', CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['PATCH'] }] } })), 'InvalidRequest', 400);
    await s3.send(new DeleteBucketCorsCommand({ Bucket: 'multi' }));
    await rejectsWith(s3.send(new GetBucketCorsCommand({ Bucket: 'multi' })), 'NoSuchCORSConfiguration', 404);
  });

  test('template CORS and notifications are the bucket configuration; a put sends s3:TestEvent to queues', async () => {
    const cors = await s3.send(new GetBucketCorsCommand({ Bucket: 'stratus-uploads' }));
    assert.deepEqual(cors.CORSRules?.[0].AllowedOrigins, ['http://app.example']);
    const config = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'stratus-uploads' }));
    assert.equal(config.QueueConfigurations?.[0].QueueArn, 'arn:aws:sqs:us-east-1:000000000000:s3-created');
    assert.deepEqual(config.QueueConfigurations?.[0].Filter?.Key?.FilterRules, [{ Name: 'prefix', Value: 'incoming/' }]);
    assert.equal(config.TopicConfigurations?.[0].TopicArn, 'arn:aws:sns:us-east-1:000000000000:s3-removed');
    assert.equal(config.LambdaFunctionConfigurations?.[0].LambdaFunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:OnUpload');

    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: 'multi',
        NotificationConfiguration: { QueueConfigurations: [{ Id: 'to-queue', QueueArn: 'arn:aws:sqs:us-east-1:000000000000:s3-created', Events: ['s3:ObjectRemoved:*'] }] },
      }),
    );
    const got = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'multi' }));
    assert.deepEqual(got.QueueConfigurations?.map((q) => [q.Id, q.Events]), [['to-queue', ['s3:ObjectRemoved:*']]]);
    const sqs = new SQSClient({ endpoint: s.endpoint, region: 'us-east-1', credentials: CREDENTIALS });
    try {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${s.endpoint}/000000000000/s3-created`, WaitTimeSeconds: 5 }));
      const body = JSON.parse(Messages![0].Body!);
      assert.deepEqual([body.Service, body.Event, body.Bucket], ['Amazon S3', 's3:TestEvent', 'multi']);
    } finally {
      sqs.destroy();
    }
    await rejectsWith(
      s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'multi', NotificationConfiguration: { QueueConfigurations: [{ QueueArn: 'arn:aws:sqs:us-east-1:000000000000:q', Events: ['s3:Nope' as never] }] } })),
      'InvalidArgument',
      400,
    );
  });
});

/** Queue management through the service: names, attributes, existing queues, listing, tags, purge. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENDPOINT, ACCOUNT, arn, newService, rejectsWith } from './harness';

test('createQueue: URL and ARN, defaults, idempotent with same attributes, QueueNameExists otherwise', async () => {
  const { sqs } = await newService();
  const { QueueUrl } = await sqs.createQueue({ QueueName: 'jobs', Attributes: { VisibilityTimeout: '45' } });
  assert.equal(QueueUrl, `${ENDPOINT}/${ACCOUNT}/jobs`);
  assert.deepEqual(await sqs.createQueue({ QueueName: 'jobs', Attributes: { VisibilityTimeout: '45' } }), { QueueUrl });
  assert.deepEqual(await sqs.createQueue({ QueueName: 'jobs' }), { QueueUrl });
  await rejectsWith(sqs.createQueue({ QueueName: 'jobs', Attributes: { VisibilityTimeout: '46' } }), 'QueueNameExists', { queryCode: 'QueueAlreadyExists' });
  const { Attributes } = await sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['All'] });
  assert.equal(Attributes?.QueueArn, arn('jobs'));
  assert.equal(Attributes?.VisibilityTimeout, '45');
  assert.equal(Attributes?.MaximumMessageSize, '262144');
  assert.equal(Attributes?.MessageRetentionPeriod, '345600');
  assert.equal(Attributes?.ApproximateNumberOfMessages, '0');
  assert.match(Attributes!.CreatedTimestamp, /^\d{10}$/);
  assert.equal(Attributes?.FifoQueue, undefined);
});

test('queue names and FIFO suffix', async () => {
  const { sqs } = await newService();
  await rejectsWith(sqs.createQueue({ QueueName: 'bad name' }), 'InvalidParameterValue');
  await rejectsWith(sqs.createQueue({ QueueName: 'x'.repeat(81) }), 'InvalidParameterValue');
  await rejectsWith(sqs.createQueue({ QueueName: 'plain.fifo' }), 'InvalidParameterValue');
  await rejectsWith(sqs.createQueue({ QueueName: 'nofifo', Attributes: { FifoQueue: 'true' } }), 'InvalidParameterValue', { message: /\.fifo/ });
  await rejectsWith(sqs.createQueue({ QueueName: '' }), 'MissingParameter');
  const { QueueUrl } = await sqs.createQueue({ QueueName: 'orders.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } });
  const { Attributes } = await sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope'] });
  assert.deepEqual(Attributes, { FifoQueue: 'true', ContentBasedDeduplication: 'true', DeduplicationScope: 'queue' });
});

test('attribute validation: ranges, unknown names, FIFO-only attributes, redrive policy', async () => {
  const { sqs } = await newService();
  const cases: [Record<string, string>, string][] = [
    [{ DelaySeconds: '901' }, 'InvalidAttributeValue'],
    [{ MaximumMessageSize: '1023' }, 'InvalidAttributeValue'],
    [{ MessageRetentionPeriod: '59' }, 'InvalidAttributeValue'],
    [{ ReceiveMessageWaitTimeSeconds: '21' }, 'InvalidAttributeValue'],
    [{ VisibilityTimeout: '43201' }, 'InvalidAttributeValue'],
    [{ VisibilityTimeout: 'soon' }, 'InvalidAttributeValue'],
    [{ Color: 'blue' }, 'InvalidAttributeName'],
    [{ ContentBasedDeduplication: 'true' }, 'InvalidAttributeName'],
    [{ RedrivePolicy: 'not json' }, 'InvalidParameterValue'],
    [{ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('missing'), maxReceiveCount: 3 }) }, 'InvalidParameterValue'],
  ];
  for (const [Attributes, code] of cases) await rejectsWith(sqs.createQueue({ QueueName: 'v', Attributes }), code);
  await sqs.createQueue({ QueueName: 'dlq' });
  await rejectsWith(
    sqs.createQueue({ QueueName: 'v', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('dlq'), maxReceiveCount: 1001 }) } }),
    'InvalidParameterValue',
    { message: /maxReceiveCount/ },
  );
  const { QueueUrl } = await sqs.createQueue({
    QueueName: 'v',
    Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('dlq'), maxReceiveCount: '5' }) },
  });
  const { Attributes } = await sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['RedrivePolicy'] });
  assert.deepEqual(JSON.parse(Attributes!.RedrivePolicy), { deadLetterTargetArn: arn('dlq'), maxReceiveCount: 5 });
  assert.deepEqual(await sqs.listDeadLetterSourceQueues({ QueueUrl: `${ENDPOINT}/${ACCOUNT}/dlq` }), { queueUrls: [QueueUrl] });
  await rejectsWith(sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['Nope'] }), 'InvalidAttributeName');
  await sqs.setQueueAttributes({ QueueUrl, Attributes: { RedrivePolicy: '' } });
  assert.deepEqual(await sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['RedrivePolicy'] }), {});
});

test('getQueueUrl, listQueues with prefix and paging, deleteQueue, tags', async () => {
  const { sqs } = await newService();
  for (const name of ['a1', 'a2', 'a3', 'b1']) await sqs.createQueue({ QueueName: name, tags: name === 'a1' ? { team: 'x' } : undefined });
  await rejectsWith(sqs.getQueueUrl({ QueueName: 'zzz' }), 'QueueDoesNotExist', { status: 400, queryCode: 'AWS.SimpleQueueService.NonExistentQueue' });
  assert.equal((await sqs.getQueueUrl({ QueueName: 'a2' })).QueueUrl, `${ENDPOINT}/${ACCOUNT}/a2`);
  const page1 = await sqs.listQueues({ QueueNamePrefix: 'a', MaxResults: 2 });
  assert.deepEqual(page1.QueueUrls?.map((u) => u.split('/').pop()), ['a1', 'a2']);
  const page2 = await sqs.listQueues({ QueueNamePrefix: 'a', MaxResults: 2, NextToken: page1.NextToken });
  assert.deepEqual(page2.QueueUrls?.map((u) => u.split('/').pop()), ['a3']);
  assert.equal(page2.NextToken, undefined);
  assert.equal((await sqs.listQueues()).QueueUrls?.length, 4);
  const url = `${ENDPOINT}/${ACCOUNT}/a1`;
  assert.deepEqual(await sqs.listQueueTags({ QueueUrl: url }), { Tags: { team: 'x' } });
  await sqs.tagQueue({ QueueUrl: url, Tags: { env: 'dev' } });
  await sqs.untagQueue({ QueueUrl: url, TagKeys: ['team'] });
  assert.deepEqual(await sqs.listQueueTags({ QueueUrl: url }), { Tags: { env: 'dev' } });
  await sqs.deleteQueue({ QueueUrl: url });
  await rejectsWith(sqs.deleteQueue({ QueueUrl: url }), 'QueueDoesNotExist');
  await rejectsWith(sqs.sendMessage({ QueueUrl: 'http://elsewhere/123/a2', MessageBody: 'x' }), 'QueueDoesNotExist');
});

test('purgeQueue empties the queue and refuses a second purge within 60 s', async () => {
  const { sqs, clock } = await newService();
  const { QueueUrl } = await sqs.createQueue({ QueueName: 'p' });
  await sqs.sendMessage({ QueueUrl, MessageBody: 'x' });
  await sqs.purgeQueue({ QueueUrl });
  assert.deepEqual(await sqs.receiveMessage({ QueueUrl }), {});
  await rejectsWith(sqs.purgeQueue({ QueueUrl }), 'PurgeQueueInProgress', { status: 403, queryCode: 'AWS.SimpleQueueService.PurgeQueueInProgress' });
  clock.advance(60_000);
  await sqs.purgeQueue({ QueueUrl });
});

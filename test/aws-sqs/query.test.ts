/**
 * The query protocol as older clients send it, byte for byte: QueueUrl in the request path, the
 * flattened XML of the SQS API Reference's examples (`<QueueUrl>` items, `<Message>` with
 * `<Attribute><Name/><Value/></Attribute>` and `<MessageAttribute>`), batch result entries, and
 * the move-task operations Debian's CLI v2.9 cannot send. Also boto3 (JSON protocol) end to end.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { queryRequest, startSqsApp, xmlValues, type SqsApp } from './helpers';

const run = promisify(execFile);
let s: SqsApp;
before(async () => {
  s = await startSqsApp();
});
after(async () => {
  await s?.close();
});

test('CreateQueue with Attribute.N and Tag.N; the queue named by the path takes SendMessage and ReceiveMessage', async () => {
  const created = await queryRequest(s.endpoint, {
    Action: 'CreateQueue', QueueName: 'q-path', 'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '31', 'Tag.1.Key': 'k', 'Tag.1.Value': 'v',
  });
  assert.equal(created.status, 200);
  assert.deepEqual(xmlValues(created.body, 'QueueUrl'), [s.url('q-path')]);
  const sent = await queryRequest(s.endpoint, {
    Action: 'SendMessage', MessageBody: 'from the path',
    'MessageAttribute.1.Name': 'bin', 'MessageAttribute.1.Value.DataType': 'Binary', 'MessageAttribute.1.Value.BinaryValue': Buffer.from([1, 2, 3]).toString('base64'),
    'MessageAttribute.2.Name': 'num', 'MessageAttribute.2.Value.DataType': 'Number', 'MessageAttribute.2.Value.StringValue': '12',
  }, '/000000000000/q-path');
  assert.equal(sent.status, 200, sent.body);
  assert.match(sent.body, /^<\?xml version="1\.0"\?>\n<SendMessageResponse xmlns="http:\/\/queue\.amazonaws\.com\/doc\/2012-11-05\/"><SendMessageResult><MessageId>/);
  const received = await queryRequest(s.endpoint, { Action: 'ReceiveMessage', 'AttributeName.1': 'All', 'MessageAttributeName.1': 'All' }, '/000000000000/q-path');
  assert.match(received.body, /<ReceiveMessageResult><Message><MessageId>[^<]+<\/MessageId><ReceiptHandle>[^<]+<\/ReceiptHandle><MD5OfBody>[0-9a-f]{32}<\/MD5OfBody><Body>from the path<\/Body><Attribute><Name>SenderId<\/Name>/);
  assert.match(received.body, /<MessageAttribute><Name>bin<\/Name><Value><DataType>Binary<\/DataType><BinaryValue>AQID<\/BinaryValue><\/Value><\/MessageAttribute>/);
  assert.match(received.body, /<MessageAttribute><Name>num<\/Name><Value><DataType>Number<\/DataType><StringValue>12<\/StringValue><\/Value><\/MessageAttribute>/);
  const tags = await queryRequest(s.endpoint, { Action: 'ListQueueTags', QueueUrl: s.url('q-path') });
  assert.match(tags.body, /<ListQueueTagsResult><Tag><Key>k<\/Key><Value>v<\/Value><\/Tag><\/ListQueueTagsResult>/);
});

test('an empty ReceiveMessage and an empty ListQueues still carry their Result element', async () => {
  await queryRequest(s.endpoint, { Action: 'CreateQueue', QueueName: 'q-empty' });
  const received = await queryRequest(s.endpoint, { Action: 'ReceiveMessage', QueueUrl: s.url('q-empty') });
  assert.match(received.body, /<ReceiveMessageResponse xmlns="[^"]+"><ReceiveMessageResult><\/ReceiveMessageResult><ResponseMetadata>/);
  const listed = await queryRequest(s.endpoint, { Action: 'ListQueues', QueueNamePrefix: 'zzz' });
  assert.match(listed.body, /<ListQueuesResult><\/ListQueuesResult>/);
  const deleted = await queryRequest(s.endpoint, { Action: 'DeleteQueue', QueueUrl: s.url('q-empty') });
  assert.match(deleted.body, /<DeleteQueueResponse xmlns="[^"]+"><ResponseMetadata><RequestId>/);
});

test('batch results are flattened entries; failures are BatchResultErrorEntry', async () => {
  await queryRequest(s.endpoint, { Action: 'CreateQueue', QueueName: 'q-batch' });
  const r = await queryRequest(s.endpoint, {
    Action: 'SendMessageBatch', QueueUrl: s.url('q-batch'),
    'SendMessageBatchRequestEntry.1.Id': 'ok', 'SendMessageBatchRequestEntry.1.MessageBody': 'one',
    'SendMessageBatchRequestEntry.2.Id': 'bad', 'SendMessageBatchRequestEntry.2.MessageBody': 'two', 'SendMessageBatchRequestEntry.2.DelaySeconds': '5000',
  });
  assert.match(r.body, /<SendMessageBatchResult><SendMessageBatchResultEntry><Id>ok<\/Id><MessageId>[^<]+<\/MessageId><MD5OfMessageBody>[0-9a-f]{32}<\/MD5OfMessageBody><\/SendMessageBatchResultEntry><BatchResultErrorEntry><Id>bad<\/Id><SenderFault>true<\/SenderFault><Code>InvalidParameterValue<\/Code>/);
});

test('message move tasks over the query protocol', async () => {
  await queryRequest(s.endpoint, { Action: 'CreateQueue', QueueName: 'q-dlq' });
  const redrive = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:q-dlq', maxReceiveCount: 1 });
  await queryRequest(s.endpoint, { Action: 'CreateQueue', QueueName: 'q-src', 'Attribute.1.Name': 'RedrivePolicy', 'Attribute.1.Value': redrive });
  const sources = await queryRequest(s.endpoint, { Action: 'ListDeadLetterSourceQueues', QueueUrl: s.url('q-dlq') });
  assert.deepEqual(xmlValues(sources.body, 'QueueUrl'), [s.url('q-src')]);
  await queryRequest(s.endpoint, { Action: 'SendMessage', QueueUrl: s.url('q-dlq'), MessageBody: 'dead' });
  const started = await queryRequest(s.endpoint, {
    Action: 'StartMessageMoveTask', SourceArn: 'arn:aws:sqs:us-east-1:000000000000:q-dlq', DestinationArn: 'arn:aws:sqs:us-east-1:000000000000:q-src', MaxNumberOfMessagesPerSecond: '1',
  });
  const [handle] = xmlValues(started.body, 'TaskHandle');
  assert.ok(handle, started.body);
  const listed = await queryRequest(s.endpoint, { Action: 'ListMessageMoveTasks', SourceArn: 'arn:aws:sqs:us-east-1:000000000000:q-dlq' });
  assert.match(listed.body, /<ListMessageMoveTasksResult><Results>(<TaskHandle>[^<]+<\/TaskHandle>)?<Status>[A-Z]+<\/Status><SourceArn>arn:aws:sqs:us-east-1:000000000000:q-dlq<\/SourceArn>/);
  const cancelled = await queryRequest(s.endpoint, { Action: 'CancelMessageMoveTask', TaskHandle: handle });
  assert.ok(cancelled.status === 200 || xmlValues(cancelled.body, 'Code')[0] === 'ResourceNotFoundException', cancelled.body);
});

test('boto3 (JSON protocol): every operation group in one script', async () => {
  const script = `
import boto3, json, os
c = boto3.client('sqs', endpoint_url=os.environ['EDGE'])
url = c.create_queue(QueueName='boto', Attributes={'DelaySeconds': '0'}, tags={'a': '1'})['QueueUrl']
assert c.get_queue_url(QueueName='boto')['QueueUrl'] == url
assert url in c.list_queues(QueueNamePrefix='bot')['QueueUrls']
c.set_queue_attributes(QueueUrl=url, Attributes={'VisibilityTimeout': '33'})
assert c.get_queue_attributes(QueueUrl=url, AttributeNames=['VisibilityTimeout'])['Attributes'] == {'VisibilityTimeout': '33'}
c.tag_queue(QueueUrl=url, Tags={'b': '2'}); c.untag_queue(QueueUrl=url, TagKeys=['a'])
assert c.list_queue_tags(QueueUrl=url)['Tags'] == {'b': '2'}
c.send_message(QueueUrl=url, MessageBody='one', MessageAttributes={'bin': {'DataType': 'Binary', 'BinaryValue': b'\\x00\\xff'}})
c.send_message_batch(QueueUrl=url, Entries=[{'Id': 'x', 'MessageBody': 'two'}, {'Id': 'y', 'MessageBody': 'three'}])
msgs = c.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=['All'], WaitTimeSeconds=1)['Messages']
binary = [m['MessageAttributes']['bin']['BinaryValue'] for m in msgs if m['Body'] == 'one'][0]
c.change_message_visibility(QueueUrl=url, ReceiptHandle=msgs[0]['ReceiptHandle'], VisibilityTimeout=50)
c.change_message_visibility_batch(QueueUrl=url, Entries=[{'Id': 'c', 'ReceiptHandle': msgs[1]['ReceiptHandle'], 'VisibilityTimeout': 50}])
c.delete_message(QueueUrl=url, ReceiptHandle=msgs[0]['ReceiptHandle'])
deleted = c.delete_message_batch(QueueUrl=url, Entries=[{'Id': 'd%d' % i, 'ReceiptHandle': m['ReceiptHandle']} for i, m in enumerate(msgs[1:])])
c.purge_queue(QueueUrl=url)
dlq = c.create_queue(QueueName='boto-dlq')['QueueUrl']
arn = 'arn:aws:sqs:us-east-1:000000000000:boto-dlq'
c.set_queue_attributes(QueueUrl=url, Attributes={'RedrivePolicy': json.dumps({'deadLetterTargetArn': arn, 'maxReceiveCount': 2})})
sources = c.list_dead_letter_source_queues(QueueUrl=dlq)['queueUrls']
c.send_message(QueueUrl=dlq, MessageBody='dead')
task = c.start_message_move_task(SourceArn=arn, DestinationArn='arn:aws:sqs:us-east-1:000000000000:boto', MaxNumberOfMessagesPerSecond=1)
tasks = c.list_message_move_tasks(SourceArn=arn)['Results']
try:
    c.cancel_message_move_task(TaskHandle=task['TaskHandle'])
except c.exceptions.ResourceNotFoundException:
    pass
c.delete_queue(QueueUrl=dlq); c.delete_queue(QueueUrl=url)
try:
    c.get_queue_url(QueueName='boto')
    missing = None
except c.exceptions.QueueDoesNotExist as e:
    missing = e.response['Error']['Code']
print(json.dumps({'n': len(msgs), 'binary': list(binary), 'deleted': len(deleted['Successful']), 'sources': sources, 'task': tasks[0]['SourceArn'], 'missing': missing}))
`;
  const { stdout } = await run('python3', ['-c', script], { env: { ...s.env, EDGE: s.endpoint }, timeout: 30_000 });
  assert.deepEqual(JSON.parse(stdout), {
    n: 3, binary: [0, 255], deleted: 2, sources: [s.url('boto')], task: 'arn:aws:sqs:us-east-1:000000000000:boto-dlq', missing: 'AWS.SimpleQueueService.NonExistentQueue',
  });
});

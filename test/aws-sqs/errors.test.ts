/**
 * SQS's errors in each protocol: the JSON code as `__type` (`com.amazonaws.sqs#…`) with the query
 * code in `x-amzn-query-error`, and the query code in the XML `<Code>`, each with SQS's HTTP status
 * (SQS API Reference, each action's "Errors"; the awsQueryError traits of the service model).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CreateQueueCommand, GetQueueUrlCommand, QueueDoesNotExist, SendMessageBatchCommand, TooManyEntriesInBatchRequest } from '@aws-sdk/client-sqs';
import { jsonRequest, queryRequest, startSqsApp, xmlValues, type SqsApp } from './helpers';

let s: SqsApp;
let queue: string;
let fifo: string;
before(async () => {
  s = await startSqsApp();
  queue = (await s.sqs.send(new CreateQueueCommand({ QueueName: 'errors' }))).QueueUrl!;
  fifo = (await s.sqs.send(new CreateQueueCommand({ QueueName: 'errors.fifo', Attributes: { FifoQueue: 'true' } }))).QueueUrl!;
});
after(async () => {
  await s?.close();
});

interface Case {
  what: string;
  operation: string;
  json: () => Record<string, unknown>;
  query: () => Record<string, string>;
  code: string;
  queryCode: string;
  status: number;
}

const entries = (n: number, id = (i: number) => `e${i}`) => Array.from({ length: n }, (_, i) => ({ Id: id(i), MessageBody: 'x' }));
const formEntries = (n: number, id = (i: number) => `e${i}`) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [[`SendMessageBatchRequestEntry.${i + 1}.Id`, id(i)], [`SendMessageBatchRequestEntry.${i + 1}.MessageBody`, 'x']]).flat());

const CASES: Case[] = [
  { what: 'nonexistent queue', operation: 'GetQueueUrl', json: () => ({ QueueName: 'nope' }), query: () => ({ QueueName: 'nope' }),
    code: 'QueueDoesNotExist', queryCode: 'AWS.SimpleQueueService.NonExistentQueue', status: 400 },
  { what: 'invalid receipt handle', operation: 'DeleteMessage', json: () => ({ QueueUrl: queue, ReceiptHandle: 'bogus' }),
    query: () => ({ QueueUrl: queue, ReceiptHandle: 'bogus' }), code: 'ReceiptHandleIsInvalid', queryCode: 'ReceiptHandleIsInvalid', status: 404 },
  { what: 'batch with duplicate ids', operation: 'SendMessageBatch', json: () => ({ QueueUrl: queue, Entries: entries(2, () => 'same') }),
    query: () => ({ QueueUrl: queue, ...formEntries(2, () => 'same') }), code: 'BatchEntryIdsNotDistinct', queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', status: 400 },
  { what: 'empty batch', operation: 'DeleteMessageBatch', json: () => ({ QueueUrl: queue, Entries: [] }), query: () => ({ QueueUrl: queue }),
    code: 'EmptyBatchRequest', queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest', status: 400 },
  { what: 'too many entries', operation: 'SendMessageBatch', json: () => ({ QueueUrl: queue, Entries: entries(11) }), query: () => ({ QueueUrl: queue, ...formEntries(11) }),
    code: 'TooManyEntriesInBatchRequest', queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', status: 400 },
  { what: 'oversized message', operation: 'SendMessage', json: () => ({ QueueUrl: queue, MessageBody: 'x'.repeat(262_145) }),
    query: () => ({ QueueUrl: queue, MessageBody: 'x'.repeat(262_145) }), code: 'InvalidParameterValue', queryCode: 'InvalidParameterValue', status: 400 },
  { what: 'missing parameter', operation: 'SendMessage', json: () => ({ QueueUrl: queue }), query: () => ({ QueueUrl: queue }),
    code: 'MissingParameter', queryCode: 'MissingParameter', status: 400 },
  { what: 'invalid attribute name', operation: 'SetQueueAttributes', json: () => ({ QueueUrl: queue, Attributes: { Bogus: '1' } }),
    query: () => ({ QueueUrl: queue, 'Attribute.1.Name': 'Bogus', 'Attribute.1.Value': '1' }), code: 'InvalidAttributeName', queryCode: 'InvalidAttributeName', status: 400 },
  { what: 'invalid attribute value', operation: 'SetQueueAttributes', json: () => ({ QueueUrl: queue, Attributes: { VisibilityTimeout: '99999' } }),
    query: () => ({ QueueUrl: queue, 'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '99999' }), code: 'InvalidAttributeValue', queryCode: 'InvalidAttributeValue', status: 400 },
  { what: 'FIFO without MessageGroupId', operation: 'SendMessage', json: () => ({ QueueUrl: fifo, MessageBody: 'x', MessageDeduplicationId: 'd' }),
    query: () => ({ QueueUrl: fifo, MessageBody: 'x', MessageDeduplicationId: 'd' }), code: 'MissingParameter', queryCode: 'MissingParameter', status: 400 },
];

for (const c of CASES) {
  test(`JSON: ${c.what} → ${c.code} ${c.status}`, async () => {
    const r = await jsonRequest(s.endpoint, c.operation, c.json());
    assert.equal(r.status, c.status);
    assert.equal(r.headers.get('content-type'), 'application/x-amz-json-1.0');
    assert.equal(r.headers.get('x-amzn-query-error'), `${c.queryCode};Sender`);
    const body = JSON.parse(r.body);
    assert.equal(body.__type, `com.amazonaws.sqs#${c.code}`);
    assert.equal(typeof body.message, 'string');
  });

  test(`query: ${c.what} → ${c.queryCode} ${c.status}`, async () => {
    const r = await queryRequest(s.endpoint, { Action: c.operation, ...c.query() });
    assert.equal(r.status, c.status);
    assert.equal(r.headers.get('content-type'), 'text/xml');
    assert.match(r.body, /^<\?xml version="1\.0"\?>\n<ErrorResponse xmlns="http:\/\/queue\.amazonaws\.com\/doc\/2012-11-05\/"><Error><Type>Sender<\/Type>/);
    assert.deepEqual(xmlValues(r.body, 'Code'), [c.queryCode]);
  });
}

test('the SDK maps the answers to its exception classes, with the query code as err.Code', async () => {
  await assert.rejects(s.sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' })), (err: Error & { Code?: string; $metadata: { httpStatusCode?: number } }) => {
    assert.ok(err instanceof QueueDoesNotExist);
    assert.equal((err as { Code?: string }).Code, 'AWS.SimpleQueueService.NonExistentQueue');
    assert.equal(err.$metadata.httpStatusCode, 400);
    return true;
  });
  await assert.rejects(s.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue, Entries: entries(11) })), TooManyEntriesInBatchRequest);
});

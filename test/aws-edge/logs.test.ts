/**
 * CloudWatch Logs over AWS JSON 1.1 with the real SDK v3 client (CloudWatch Logs API Reference:
 * CreateLogGroup, CreateLogStream, PutLogEvents, DescribeLogGroups, DescribeLogStreams,
 * GetLogEvents, FilterLogEvents).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  FilterLogEventsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  InvalidParameterException,
} from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { startEdgeApp, type EdgeApp } from './helpers';

let edge: EdgeApp;
let logs: CloudWatchLogsClient;
const GROUP = '/app/orders';
const base = Date.now() - 60_000;

before(async () => {
  edge = await startEdgeApp();
  logs = new CloudWatchLogsClient({ ...edge.client, maxAttempts: 1 });
  await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  for (const stream of ['a', 'b']) await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: stream }));
  // Stream a: 10 events at base+0,2,4…; stream b: 10 events at base+1,3,5… (interleaved in time).
  const events = (offset: number, name: string) =>
    Array.from({ length: 10 }, (_, i) => ({ timestamp: base + i * 2 + offset, message: `${name} event ${i}${i % 3 === 0 ? ' ERROR' : ''}` }));
  await logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: 'a', logEvents: events(0, 'a') }));
  await logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: 'b', logEvents: events(1, 'b') }));
});
after(async () => {
  logs?.destroy();
  await edge?.close();
});

test('CreateLogGroup twice is ResourceAlreadyExistsException; CreateLogStream in a missing group is not found', async () => {
  await assert.rejects(logs.send(new CreateLogGroupCommand({ logGroupName: GROUP })), ResourceAlreadyExistsException);
  await assert.rejects(logs.send(new CreateLogStreamCommand({ logGroupName: '/nope', logStreamName: 's' })), ResourceNotFoundException);
  await assert.rejects(logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'a' })), ResourceAlreadyExistsException);
});

test('DescribeLogGroups filters by prefix and pages with nextToken', async () => {
  for (const name of ['/paging/1', '/paging/2', '/paging/3']) await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
  const first = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/paging/', limit: 2 }));
  assert.deepEqual(first.logGroups!.map((g) => g.logGroupName), ['/paging/1', '/paging/2']);
  assert.ok(first.nextToken);
  const second = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/paging/', limit: 2, nextToken: first.nextToken }));
  assert.deepEqual(second.logGroups!.map((g) => g.logGroupName), ['/paging/3']);
  assert.equal(second.nextToken, undefined);
  const g = first.logGroups![0];
  assert.equal(g.arn, 'arn:aws:logs:us-east-1:000000000000:log-group:/paging/1:*');
  assert.equal(typeof g.creationTime, 'number');
});

test('DescribeLogStreams orders by name or last event time, descending, with limit', async () => {
  await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'empty' }));
  const byName = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }));
  assert.deepEqual(byName.logStreams!.map((s) => s.logStreamName), ['a', 'b', 'empty']);
  const a = byName.logStreams![0];
  assert.equal(a.firstEventTimestamp, base);
  assert.equal(a.lastEventTimestamp, base + 18);
  assert.equal(a.arn, `arn:aws:logs:us-east-1:000000000000:log-group:${GROUP}:log-stream:a`);
  const latest = await logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, orderBy: 'LastEventTime', descending: true, limit: 2 }));
  assert.deepEqual(latest.logStreams!.map((s) => s.logStreamName), ['empty', 'b']);
  assert.ok(latest.nextToken);
  await assert.rejects(logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, orderBy: 'LastEventTime', logStreamNamePrefix: 'a' })), InvalidParameterException);
  await assert.rejects(logs.send(new DescribeLogStreamsCommand({ logGroupName: '/missing' })), ResourceNotFoundException);
});

test('GetLogEvents: newest by default, from the head on request, f/ and b/ tokens both ways', async () => {
  const newest = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'a', limit: 3 }));
  assert.deepEqual(newest.events!.map((e) => e.message), ['a event 7', 'a event 8', 'a event 9 ERROR']);
  assert.match(newest.nextForwardToken!, /^f\/\d{56}\/s$/);
  assert.match(newest.nextBackwardToken!, /^b\/\d{56}\/s$/);
  const older = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'a', limit: 3, nextToken: newest.nextBackwardToken }));
  assert.deepEqual(older.events!.map((e) => e.message), ['a event 4', 'a event 5', 'a event 6 ERROR']);

  const head = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'a', limit: 4, startFromHead: true }));
  assert.deepEqual(head.events!.map((e) => e.message), ['a event 0 ERROR', 'a event 1', 'a event 2', 'a event 3 ERROR']);
  const next = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'a', limit: 4, nextToken: head.nextForwardToken }));
  assert.equal(next.events![0].message, 'a event 4');
  // Reading forward to the end: the last token comes back unchanged, which ends clients' paging.
  const end = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'a', startFromHead: true }));
  const after = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'a', nextToken: end.nextForwardToken }));
  assert.equal(after.events!.length, 0);
  assert.equal(after.nextForwardToken, end.nextForwardToken);

  const window = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'a', startTime: base + 4, endTime: base + 8, startFromHead: true }));
  assert.deepEqual(window.events!.map((e) => e.timestamp), [base + 4, base + 6]);
  await assert.rejects(logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'zzz' })), /log stream does not exist/);
  await assert.rejects(logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'a', nextToken: 'garbage' })), InvalidParameterException);
});

test('FilterLogEvents interleaves streams in time order and pages with nextToken', async () => {
  const seen: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, limit: 7, nextToken }));
    for (const e of page.events!) {
      assert.match(e.eventId!, /^\d{56}$/);
      seen.push(`${e.logStreamName}:${e.timestamp! - base}`);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  assert.equal(seen.length, 20);
  assert.deepEqual(seen.slice(0, 4), ['a:0', 'b:1', 'a:2', 'b:3']);
});

test('FilterLogEvents: plain-term filter pattern, stream names, time range', async () => {
  const errors = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: 'ERROR', logStreamNames: ['b'] }));
  assert.deepEqual(errors.events!.map((e) => e.message), ['b event 0 ERROR', 'b event 3 ERROR', 'b event 6 ERROR', 'b event 9 ERROR']);
  const phrase = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '"event 9" -b' }));
  assert.deepEqual(phrase.events!.map((e) => e.message), ['a event 9 ERROR']);
  const range = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, startTime: base + 2, endTime: base + 4 }));
  assert.deepEqual(range.events!.map((e) => e.timestamp! - base), [2, 3, 4]);
  await assert.rejects(logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '{ $.level = "x" }' })), InvalidParameterException);
  await assert.rejects(logs.send(new FilterLogEventsCommand({ logGroupName: '/none' })), ResourceNotFoundException);
});

test('PutLogEvents validates order and batch limits, and reports too-new events', async () => {
  const put = (logEvents: { timestamp: number; message: string }[], logStreamName = 'a') =>
    logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName, logEvents }));
  await assert.rejects(put([{ timestamp: base + 5, message: 'x' }, { timestamp: base + 1, message: 'y' }]), /chronological order/);
  await assert.rejects(put([{ timestamp: base, message: 'x' }], 'missing'), ResourceNotFoundException);
  await assert.rejects(put([{ timestamp: base, message: 'x'.repeat(300_000) }]), /Log event too large/);
  await assert.rejects(put(Array.from({ length: 5 }, (_, i) => ({ timestamp: base + i, message: 'y'.repeat(250_000) }))), /Upload too large/);
  const out = await put([{ timestamp: Date.now(), message: 'now' }, { timestamp: Date.now() + 3 * 3_600_000, message: 'future' }]);
  assert.deepEqual(out.rejectedLogEventsInfo, { tooNewLogEventStartIndex: 1 });
  assert.ok(out.nextSequenceToken);
});

test('an invocation\'s lines are readable at once through FilterLogEvents', async () => {
  const lambda = new LambdaClient(edge.client);
  await lambda.send(new InvokeCommand({ FunctionName: 'edge-echo', Payload: '{"marker":"find-me"}' }));
  lambda.destroy();
  const found = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/edge-echo', filterPattern: 'find-me' }));
  assert.equal(found.events!.length, 1);
  assert.match(found.events![0].logStreamName!, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
});

/**
 * Malformed SQS requests in both protocols — random and truncated bodies, wrong content types,
 * bad percent-encoding, huge attribute counts, members of the wrong type, hostile names — each
 * answered with a well-formed SQS error of the protocol it spoke (never a 5xx), the process up,
 * and the messages stored before the fuzzing all still there. Inputs come from a seeded generator.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { GetQueueUrlCommand, ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { startSqsApp, type SqsApp } from './helpers';
import { INPUT_SHAPES, type Shape } from '../../src/gateways/aws/sqs/shapes';
import { seededFuzzer } from '../support/fuzz';

let s: SqsApp;
let kept: string;
const STORED = Array.from({ length: 20 }, (_, i) => ({ Id: `m${i}`, MessageBody: `stored ${i} ✓`, MessageAttributes: { i: { DataType: 'Number', StringValue: String(i) } } }));

before(async () => {
  s = await startSqsApp();
  kept = (await s.sqs.send(new GetQueueUrlCommand({ QueueName: 'kept' }))).QueueUrl!;
  await s.sqs.send(new SendMessageBatchCommand({ QueueUrl: kept, Entries: STORED.slice(0, 10) }));
  await s.sqs.send(new SendMessageBatchCommand({ QueueUrl: kept, Entries: STORED.slice(10) }));
});
after(async () => {
  await s?.close();
});

const { random, int, pick, bytes } = seededFuzzer(5150);

const SCOPE = 'AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20250101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00';
const MISSING_QUEUE = 'http://127.0.0.1/000000000000/fuzz-missing';
// ListQueues takes any junk (unknown parameters are ignored) and rightly succeeds: left out.
const OPERATIONS = Object.keys(INPUT_SHAPES).filter((op) => op !== 'ListQueues');
/**
 * Operations aimed at `kept` with these inputs: each must fail (a wrong-typed or missing member, a
 * bogus receipt handle), so none may change what `kept` holds. The rest go to a missing queue.
 */
const JSON_ON_KEPT = ['SendMessage', 'SendMessageBatch', 'ChangeMessageVisibility', 'DeleteMessage', 'DeleteMessageBatch'];
const QUERY_ON_KEPT = ['ChangeMessageVisibility', 'DeleteMessage'];

const WRONG_VALUES: unknown[] = [42, -1.5, true, null, [], [1, 'a'], {}, { a: { b: [] } }, 'x'.repeat(70_000), '\u0000\uFFFF', '__proto__'];

function wrongFor(shape: Shape): unknown {
  const value = pick(WRONG_VALUES);
  const typeOf = (v: unknown) => (Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v);
  const expected = { string: 'string', blob: 'string', integer: 'number', list: 'list', map: 'object', struct: 'object' }[shape.kind];
  return typeOf(value) === expected ? 12345.678 : value;
}

/** A JSON body with one member of the wrong type (or of a hostile size), aimed at a missing queue or at kept. */
function wrongTypedJson(): { operation: string; body: string } {
  const operation = pick(OPERATIONS);
  const shape = INPUT_SHAPES[operation] as Extract<Shape, { kind: 'struct' }>;
  const body: Record<string, unknown> = { QueueUrl: JSON_ON_KEPT.includes(operation) && random() < 0.5 ? kept : MISSING_QUEUE };
  const [member, memberShape] = pick(Object.entries(shape.members));
  body[member] = wrongFor(memberShape);
  return { operation, body: JSON.stringify(body) };
}

function hugeJson(): { operation: string; body: string } {
  const many = (n: number, f: (i: number) => [string, unknown]) => Object.fromEntries(Array.from({ length: n }, (_, i) => f(i)));
  return pick([
    { operation: 'SendMessage', body: JSON.stringify({ QueueUrl: kept, MessageBody: 'x', MessageAttributes: many(5_000, (i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]) }) },
    { operation: 'SetQueueAttributes', body: JSON.stringify({ QueueUrl: MISSING_QUEUE, Attributes: many(5_000, (i) => [`A${i}`, '1']) }) },
    { operation: 'GetQueueAttributes', body: JSON.stringify({ QueueUrl: kept, AttributeNames: Array.from({ length: 20_000 }, (_, i) => `N${i}`) }) },
    { operation: 'SendMessageBatch', body: JSON.stringify({ QueueUrl: kept, Entries: Array.from({ length: 5_000 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' })) }) },
    { operation: 'SendMessage', body: JSON.stringify({ QueueUrl: kept, MessageBody: 'x'.repeat(1_100_000) }) },
  ]);
}

interface Probe { headers: Record<string, string>; body: string | Buffer; path?: string; protocol: 'json' | 'query' }

function jsonProbe(): Probe {
  const target = `AmazonSQS.${pick([...OPERATIONS, 'Nope', ''])}`;
  const headers = { 'x-amz-target': target, 'content-type': pick(['application/x-amz-json-1.0', 'text/plain', 'application/json', '']) };
  const valid = JSON.stringify({ QueueUrl: kept, ReceiptHandle: 'bogus', MessageBody: 'x'.repeat(300_000) });
  const generators = [
    () => bytes(int(200)),
    () => valid.slice(0, int(valid.length - 1)),
    () => pick(['[]', '"s"', '12', 'null', '{', '{"QueueUrl":', '{"__proto__":{"polluted":1}}']),
    () => wrongTypedJson().body,
    () => hugeJson().body,
  ];
  const which = int(generators.length);
  if (which >= 3) {
    const { operation, body } = which === 3 ? wrongTypedJson() : hugeJson();
    return { protocol: 'json', headers: { ...headers, 'x-amz-target': `AmazonSQS.${operation}` }, body };
  }
  return { protocol: 'json', headers, body: generators[which]() };
}

function queryProbe(): Probe {
  const headers = { authorization: SCOPE, 'content-type': 'application/x-www-form-urlencoded' };
  const action = pick([...OPERATIONS, 'Nope', '%ZZ', '']);
  const queue = encodeURIComponent(QUERY_ON_KEPT.includes(action) && random() < 0.5 ? kept : MISSING_QUEUE);
  const forms = [
    () => `Action=${action}&QueueUrl=${queue}&MessageBody=%E0%A4%A&ReceiptHandle=%ZZ`,
    () => `Action=${action}&QueueUrl=${queue}&${bytes(40).toString('latin1')}`,
    () => `Action=${action}&QueueUrl=${queue}&Attribute.1.Name=VisibilityTimeout&Attribute.1=x`,
    () => `Action=${action}&QueueUrl=${queue}&MaxNumberOfMessages=ten&VisibilityTimeout=1e99&DelaySeconds=-0x10&WaitTimeSeconds=%00`,
    () => `Action=${action}&QueueUrl=${queue}&` + Array.from({ length: 3_000 }, (_, i) => `MessageAttribute.${i + 1}.Name=a${i}&MessageAttribute.${i + 1}.Value.DataType=String`).join('&'),
    () => `Action=${action}&QueueUrl=${queue}&SendMessageBatchRequestEntry.999999999.Id=x&Entries.member.1.Id=y&__proto__.x=1`,
    () => `Action=${action}&QueueUrl=${queue}&Attribute..Name=a&.=b&Tag.1.Key.Extra=c&Tag.1.Key=d`,
  ];
  return { protocol: 'query', headers: pick([headers, { ...headers, 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1' }]), body: pick(forms)() };
}

const QUERY_ERROR =
  /^<\?xml version="1\.0"\?>\n<ErrorResponse xmlns="http:\/\/queue\.amazonaws\.com\/doc\/2012-11-05\/"><Error><Type>(Sender|Receiver)<\/Type><Code>[A-Za-z.]+<\/Code><Message>[^<]*<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>\n$/;

async function check(p: Probe, what: string): Promise<void> {
  const res = await fetch(s.endpoint + (p.path ?? '/'), { method: 'POST', headers: p.headers, body: p.body });
  const body = await res.text();
  assert.ok(res.status >= 400 && res.status < 500, `${what}: status ${res.status} ${body.slice(0, 300)}`);
  if (p.protocol === 'json') {
    assert.equal(res.headers.get('content-type'), 'application/x-amz-json-1.0', what);
    const parsed = JSON.parse(body);
    assert.match(parsed.__type, /^com\.amazonaws\.sqs#[A-Za-z.]+$/, what);
    assert.equal(typeof parsed.message, 'string', what);
  } else {
    assert.equal(res.headers.get('content-type'), 'text/xml', what);
    assert.match(body, QUERY_ERROR, `${what}: ${body.slice(0, 300)}`);
  }
}

test('every malformed request gets a well-formed SQS error in its protocol; stored messages survive', async () => {
  const probes = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? jsonProbe() : queryProbe()));
  for (let i = 0; i < probes.length; i += 6) {
    await Promise.all(probes.slice(i, i + 6).map((p, j) => check(p, `probe ${i + j} (${p.protocol}) ${String(p.headers['x-amz-target'] ?? '')} ${String(p.body).slice(0, 120)}`)));
  }
  const received = new Map<string, string | undefined>();
  for (let attempt = 0; attempt < 10 && received.size < STORED.length; attempt++) {
    const { Messages = [] } = await s.sqs.send(new ReceiveMessageCommand({ QueueUrl: kept, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], VisibilityTimeout: 60 }));
    for (const m of Messages) received.set(m.Body!, m.MessageAttributes?.i.StringValue);
  }
  assert.deepEqual(new Map([...received].sort()), new Map(STORED.map((m) => [m.MessageBody, m.MessageAttributes.i.StringValue] as [string, string]).sort()));
});

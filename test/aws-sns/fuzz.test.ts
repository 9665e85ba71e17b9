/**
 * Malformed SNS query requests — bad percent-encoding and invalid UTF-8, nested garbage (values
 * given as structures and structures as values, hostile and very deep names), huge entry counts —
 * each answered with well-formed SNS `<ErrorResponse>` XML (never a 5xx), the process up, and a
 * subscription made before the fuzzing still delivering. Random inputs come from a seeded generator.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CreateTopicCommand, ListTopicsCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { queryRequest, SNS_NS, startSnsApp, type SnsApp } from './helpers';
import { INPUT_MEMBERS } from '../../src/gateways/aws/sns/input';
import { seededFuzzer } from '../support/fuzz';

let s: SnsApp;
let topic: string;
let queueUrl: string;

before(async () => {
  s = await startSnsApp();
  topic = (await s.sns.send(new CreateTopicCommand({ Name: 'fuzz' }))).TopicArn!;
  const queue = await s.queue('fuzz-q');
  queueUrl = queue.url;
  await s.sns.send(new SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: queue.arn, Attributes: { RawMessageDelivery: 'true' } }));
});
after(async () => {
  await s?.close();
});

const { random, int, pick } = seededFuzzer(2010_03_31);

/** Tags balance and text has no stray markup: enough to say a client's XML parser accepts it. */
function assertWellFormedXml(xml: string): void {
  assert.ok(xml.startsWith('<?xml version="1.0"?>\n'), xml.slice(0, 200));
  const stack: string[] = [];
  for (const m of xml.slice(xml.indexOf('\n') + 1).matchAll(/<(\/?)([A-Za-z][\w.-]*)(?:\s+xmlns="[^"]*")?\s*(\/?)>|([^<]+)/g)) {
    const [, close, name, selfClosing, text] = m;
    if (text !== undefined) {
      assert.doesNotMatch(text, /&(?!(amp|lt|gt|quot|apos|#x[0-9A-F]+);)|>/, `stray markup in text: ${text.slice(0, 80)}`);
      continue;
    }
    if (selfClosing) continue;
    if (close) assert.equal(stack.pop(), name, `unbalanced </${name}>`);
    else stack.push(name);
  }
  assert.deepEqual(stack, []);
  assert.equal(xml.replace(/<[^>]*>|[^<]+/g, ''), '', 'a stray `<`');
}

/** An SNS error: 4xx, `<ErrorResponse>` in SNS's namespace with a Sender code. */
function assertSnsError(res: { status: number; body: string }, code?: string): void {
  assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}: ${res.body.slice(0, 300)}`);
  assertWellFormedXml(res.body);
  assert.match(res.body, new RegExp(`^<\\?xml version="1.0"\\?>\\n<ErrorResponse xmlns="${SNS_NS}"><Error><Type>Sender</Type><Code>[A-Za-z.]+</Code>`));
  if (code) assert.match(res.body, new RegExp(`<Code>${code}</Code>`));
}

const form = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();

test('curated malformed bodies: bad encodings, nested garbage, huge entry counts', async () => {
  const cases: [string, string | Buffer, string?][] = [
    ['bad percent-encoding', 'Action=CreateTopic&Name=%ZZ%E0%A4%', 'InvalidParameter'],
    ['invalid UTF-8 in a value', Buffer.concat([Buffer.from('Action=CreateTopic&Name='), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]), 'InvalidParameter'],
    ['a value given as a structure', `Action=Publish&TopicArn=${topic}&Message.member.1=x`, 'InvalidParameter'],
    ['a structure given as a value', `Action=Publish&TopicArn=${topic}&Message=x&MessageAttributes=plain`, 'InvalidParameter'],
    ['a name both value and structure', `Action=CreateTopic&Name=a&Name.b=c`, 'MalformedQueryString'],
    ['an empty name segment', `Action=CreateTopic&Name..x=a`, 'MalformedQueryString'],
    ['a prototype-polluting name', `Action=CreateTopic&Name=p&Attributes.__proto__.polluted=1`, 'MalformedQueryString'],
    ['a name 100,000 segments deep', `Action=CreateTopic&Name${'.a'.repeat(100_000)}=x`, 'MalformedQueryString'],
    ['attribute entries nested in garbage', `Action=CreateTopic&Name=g&Attributes.entry.1.key.x.y=1&Attributes.entry.1.value=2`],
    ['a message attribute with no type', `Action=Publish&TopicArn=${topic}&Message=x&MessageAttributes.entry.1.Name=a&MessageAttributes.entry.1.Value.StringValue=v`, 'ParameterValueInvalid'],
    ['binary value that is not base64', `Action=Publish&TopicArn=${topic}&Message=x&MessageAttributes.entry.1.Name=a&MessageAttributes.entry.1.Value.DataType=Binary&MessageAttributes.entry.1.Value.BinaryValue=%21%21`, 'ParameterValueInvalid'],
    ['a boolean that is not one', `Action=Subscribe&TopicArn=${topic}&Protocol=sqs&Endpoint=x&ReturnSubscriptionArn=yes`, 'InvalidParameter'],
    ['50,000 batch entries', `Action=PublishBatch&TopicArn=${topic}&` + Array.from({ length: 50_000 }, (_, i) => `PublishBatchRequestEntries.member.${i + 1}.Id=e${i}&PublishBatchRequestEntries.member.${i + 1}.Message=m`).join('&'), 'TooManyEntriesInBatchRequest'],
    ['20,000 topic attributes', 'Action=CreateTopic&Name=many&' + Array.from({ length: 20_000 }, (_, i) => `Attributes.entry.${i + 1}.key=K${i}&Attributes.entry.${i + 1}.value=v`).join('&'), 'InvalidParameter'],
    ['5,000 message attributes', `Action=Publish&TopicArn=${topic}&Message=x&` + Array.from({ length: 5_000 }, (_, i) => `MessageAttributes.entry.${i + 1}.Name=a${i}&MessageAttributes.entry.${i + 1}.Value.DataType=Bogus&MessageAttributes.entry.${i + 1}.Value.StringValue=v`).join('&'), 'ParameterValueInvalid'],
    ['10,000 tags', `Action=TagResource&ResourceArn=${topic}&` + Array.from({ length: 10_000 }, (_, i) => `Tags.member.${i + 1}.Key=k${i}&Tags.member.${i + 1}.Value=v`).join('&'), 'TagLimitExceeded'],
    ['an index past the list limit', `Action=PublishBatch&TopicArn=${topic}&PublishBatchRequestEntries.member.99999999999.Id=x`],
    ['no parameters besides the action', 'Action=Publish', 'InvalidParameter'],
  ];
  for (const [what, body, code] of cases) {
    const res = await queryRequest(s.endpoint, body);
    try {
      assertSnsError(res, code);
    } catch (err) {
      throw new Error(`${what}: ${(err as Error).message}`);
    }
  }
});

test('seeded random query bodies: always a well-formed SNS answer, never a 5xx', async () => {
  const operations = Object.keys(INPUT_MEMBERS).filter((op) => op !== 'ListTopics' && op !== 'ListSubscriptions');
  const segments = ['entry', 'member', '1', '2', '0', '999999999', 'key', 'value', 'Name', 'Value', 'DataType', 'StringValue', 'BinaryValue', 'Id', 'Message', 'Key', 'x'];
  const values = ['', 'x', 'true', 'String', 'Number', 'Binary', '%', '%%41', '\u0000', '\uD800', '<&>"\'', 'é✓🙂', 'x'.repeat(5000), topic, `${topic}:nope`, 'arn:aws:sns:eu-west-1:1:t', '{"a":'];
  let answered = 0;
  for (let i = 0; i < 300; i++) {
    const action = pick(operations);
    const members = Object.keys(INPUT_MEMBERS[action]);
    const pairs: [string, string][] = [['Action', action]];
    for (let j = int(6); j >= 0; j--) {
      const path = [pick(members), ...Array.from({ length: int(5) }, () => pick(segments))];
      pairs.push([path.join('.'), pick(values)]);
    }
    const body = random() < 0.2 ? form(pairs).replace(/%[0-9A-F]{2}/, '%G') : form(pairs);
    const res = await queryRequest(s.endpoint, body);
    assert.ok(res.status < 500, `${body.slice(0, 300)} → ${res.status} ${res.body.slice(0, 300)}`);
    assertWellFormedXml(res.body);
    if (res.status === 200) assert.match(res.body, new RegExp(`^<\\?xml version="1.0"\\?>\\n<${action}Response xmlns="${SNS_NS}">`));
    else assertSnsError(res);
    answered++;
  }
  assert.equal(answered, 300);
});

test('after the fuzzing: the process answers and the earlier subscription still delivers', async () => {
  assert.ok((await s.sns.send(new ListTopicsCommand({}))).Topics?.some((t) => t.TopicArn === topic));
  await s.sns.send(new PublishCommand({ TopicArn: topic, Message: 'still delivered' }));
  // Random publishes may have delivered too: look for this one among them.
  const deadline = Date.now() + 10_000;
  let found = false;
  while (!found && Date.now() < deadline) found = (await s.drain(queueUrl, 1, 2000)).some((m) => m.Body === 'still delivered');
  assert.ok(found);
});

/**
 * The generic wire layer through raw HTTP: routing by X-Amz-Target, credential scope, Host and
 * Action; each protocol's success and error shapes (AWS JSON 1.0/1.1 `__type`; query
 * `<XResponse><XResult>…<ResponseMetadata>` and `<ErrorResponse><Error><Type>…`; Lambda's REST-JSON
 * `x-amzn-ErrorType` + `{"Type","Message"}`), request ids on every answer; STS through the SDK.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startEdgeApp, type EdgeApp } from './helpers';
import { json } from '../support/json';
import { decodeQueryForm } from '../../src/gateways/aws/protocols/query-decode';

let edge: EdgeApp;
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const scope = (service: string) => `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=abc`;

before(async () => {
  edge = await startEdgeApp();
});
after(async () => {
  await edge?.close();
});

const post = (body: string, headers: Record<string, string>, path = '/') => fetch(edge.endpoint + path, { method: 'POST', body, headers });

test('STS GetCallerIdentity through the SDK (query protocol)', async () => {
  const sts = new STSClient(edge.client);
  const id = await sts.send(new GetCallerIdentityCommand({}));
  sts.destroy();
  assert.equal(id.Account, '000000000000');
  assert.equal(id.Arn, 'arn:aws:iam::000000000000:root');
  assert.equal(id.UserId, '000000000000');
});

test('STS answers query XML by credential scope, by Host, and by a unique Action', async () => {
  const variants: Record<string, string>[] = [
    { 'content-type': FORM, authorization: scope('sts') },
    { 'content-type': FORM, host: 'sts.amazonaws.com' },
    { 'content-type': FORM },
  ];
  for (const headers of variants) {
    const res = await post('Action=GetCallerIdentity&Version=2011-06-15', headers);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /text\/xml/);
    const xml = await res.text();
    const requestId = res.headers.get('x-amzn-requestid')!;
    assert.match(requestId, /^[0-9a-f-]{36}$/);
    assert.equal(
      xml.trim(),
      `<?xml version="1.0"?>\n<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:root</Arn><UserId>000000000000</UserId><Account>000000000000</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    );
  }
  const get = await fetch(`${edge.endpoint}/?Action=GetCallerIdentity&Version=2011-06-15`, { headers: { authorization: scope('sts') } });
  assert.equal(get.status, 200);
});

test('STS over AWS JSON 1.0', async () => {
  const res = await post('{}', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSSecurityTokenServiceV20110615.GetCallerIdentity' });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/x-amz-json-1.0');
  assert.deepEqual(await json(res), { Arn: 'arn:aws:iam::000000000000:root', UserId: '000000000000', Account: '000000000000' });
});

test('query errors: InvalidAction, MissingAction, in ErrorResponse XML with Type Sender', async () => {
  const invalid = await post('Action=AssumeRoleWithMagic&Version=2011-06-15', { 'content-type': FORM, authorization: scope('sts') });
  assert.equal(invalid.status, 400);
  const xml = await invalid.text();
  assert.match(xml, /^<\?xml version="1.0"\?>\n<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>Could not find operation AssumeRoleWithMagic for version 2011-06-15\.<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>/);
  const missing = await post('Version=2011-06-15', { 'content-type': FORM, authorization: scope('sts') });
  assert.equal(missing.status, 400);
  assert.match(await missing.text(), /<Code>MissingAction<\/Code>/);
});

test('JSON errors: unknown operation and unknown target prefix are UnknownOperationException', async () => {
  const op = await post('{}', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DeleteEverything' });
  assert.equal(op.status, 400);
  assert.equal(op.headers.get('content-type'), 'application/x-amz-json-1.1');
  assert.equal((await json(op)).__type, 'UnknownOperationException');
  const prefix = await post('{}', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonNothing.Do' });
  assert.equal(prefix.status, 400);
  assert.equal((await json(prefix)).__type, 'UnknownOperationException');
  const bad = await post('{nope', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups' });
  assert.equal(bad.status, 400);
  assert.equal((await json(bad)).__type, 'SerializationException');
});

test('Lambda REST-JSON errors carry x-amzn-ErrorType and {"Type","Message"}', async () => {
  const res = await fetch(`${edge.endpoint}/2015-03-31/functions/nope/configuration`);
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('x-amzn-errortype'), 'ResourceNotFoundException');
  assert.ok(res.headers.get('x-amzn-requestid'));
  assert.deepEqual(await json(res), { Type: 'User', Message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope' });
  const unknown = await fetch(`${edge.endpoint}/2015-03-31/functions/edge-echo/policy-of-doom`);
  assert.equal(unknown.status, 404);
  assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');
});

test('/_stratus/ stays reserved: health answers, other paths are not taken by AWS routing', async () => {
  const health = await fetch(`${edge.endpoint}/_stratus/health`);
  assert.deepEqual(await json(health), { status: 'ok' });
});

test('query form decoding follows the flattening conventions', () => {
  const form = new URLSearchParams(
    'Attribute.2.Name=B&Attribute.2.Value=2&Attribute.1.Name=A&Attribute.1.Value=1' +
      '&Entries.member.1.Id=x&Entries.member.2.Id=y' +
      '&Attributes.entry.1.key=k&Attributes.entry.1.value=v' +
      '&MessageAttribute.1.Name=m&MessageAttribute.1.Value.StringValue=s&MessageAttribute.1.Value.DataType=String',
  );
  assert.deepEqual(decodeQueryForm(form), {
    Attribute: [{ Name: 'A', Value: '1' }, { Name: 'B', Value: '2' }],
    Entries: [{ Id: 'x' }, { Id: 'y' }],
    Attributes: { k: 'v' },
    MessageAttribute: [{ Name: 'm', Value: { StringValue: 's', DataType: 'String' } }],
  });
  assert.throws(() => decodeQueryForm(new URLSearchParams('A=1&A.1=2')), /MalformedQueryString|both as a value/);
  assert.throws(() => decodeQueryForm(new URLSearchParams('__proto__.x=1')), /not well formed/);
});

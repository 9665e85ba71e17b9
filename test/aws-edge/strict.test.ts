/**
 * Strict mode: SigV4 verified on every request (AWS General Reference, "Signature Version 4";
 * error codes per protocol family: query "Common Errors", JSON coral codes, Lambda's 403s).
 * Signed requests come from the real SDK clients, the pip CLI, and @smithy/signature-v4 for raw
 * header-signed and presigned (query-string) requests that are then tampered with.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../support/sha256';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { json } from '../support/json';
import { CREDENTIALS, startEdgeApp, type EdgeApp } from './helpers';

const run = promisify(execFile);
let edge: EdgeApp;
const wrongSecret = { ...CREDENTIALS, secretAccessKey: 'not-the-secret' };
const unknownKey = { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: CREDENTIALS.secretAccessKey };

before(async () => {
  edge = await startEdgeApp({ awsCredentials: { [CREDENTIALS.accessKeyId]: CREDENTIALS.secretAccessKey } });
});
after(async () => {
  await edge?.close();
});

const client = <T>(Ctor: new (c: object) => T, credentials = CREDENTIALS) => new Ctor({ ...edge.client, credentials, maxAttempts: 1 });

test('correctly signed SDK requests pass for query, JSON and REST-JSON services', async () => {
  assert.equal((await client(STSClient).send(new GetCallerIdentityCommand({}))).Account, '000000000000');
  assert.ok((await client(CloudWatchLogsClient).send(new DescribeLogGroupsCommand({}))).logGroups);
  assert.equal((await client(LambdaClient).send(new InvokeCommand({ FunctionName: 'edge-echo:$LATEST', Payload: '{"s":"ä €"}' }))).StatusCode, 200);
});

test('a wrong secret is SignatureDoesNotMatch (query) / InvalidSignatureException (JSON, Lambda)', async () => {
  await assert.rejects(client(STSClient, wrongSecret).send(new GetCallerIdentityCommand({})), (err: Error & { $metadata: { httpStatusCode: number } }) => {
    assert.equal(err.name, 'SignatureDoesNotMatch');
    assert.equal(err.$metadata.httpStatusCode, 403);
    return true;
  });
  await assert.rejects(client(CloudWatchLogsClient, wrongSecret).send(new DescribeLogGroupsCommand({})), (err: Error & { $metadata: { httpStatusCode: number } }) => {
    assert.equal(err.name, 'InvalidSignatureException');
    assert.equal(err.$metadata.httpStatusCode, 400);
    return true;
  });
  await assert.rejects(client(LambdaClient, wrongSecret).send(new InvokeCommand({ FunctionName: 'edge-echo' })), (err: Error & { $metadata: { httpStatusCode: number } }) => {
    assert.equal(err.name, 'InvalidSignatureException');
    assert.equal(err.$metadata.httpStatusCode, 403);
    return true;
  });
});

test('an unknown access key is InvalidClientTokenId (query) / UnrecognizedClientException (JSON)', async () => {
  await assert.rejects(client(STSClient, unknownKey).send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId' });
  await assert.rejects(client(CloudWatchLogsClient, unknownKey).send(new DescribeLogGroupsCommand({})), { name: 'UnrecognizedClientException' });
});

test('no signature is MissingAuthenticationToken; a malformed one IncompleteSignature', async () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded', host: 'sts.amazonaws.com' };
  const missing = await fetch(edge.endpoint, { method: 'POST', headers: form, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
  assert.equal(missing.status, 403);
  assert.match(await missing.text(), /<Code>MissingAuthenticationToken<\/Code>/);
  const incomplete = await fetch(edge.endpoint, {
    method: 'POST',
    headers: { ...form, authorization: 'AWS4-HMAC-SHA256 Credential=AKIDSTRATUSTEST/20240101/us-east-1/sts/aws4_request' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  });
  assert.equal(incomplete.status, 400);
  assert.match(await incomplete.text(), /<Code>IncompleteSignature<\/Code>/);
  const logs = await fetch(edge.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups' }, body: '{}' });
  assert.equal(logs.status, 400);
  assert.equal((await json(logs)).__type, 'MissingAuthenticationTokenException');
});

const signer = (credentials = CREDENTIALS) => new SignatureV4({ service: 'sts', region: 'us-east-1', credentials, sha256: Sha256 });

function stsRequest(body: string) {
  const url = new URL(edge.endpoint);
  return {
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    query: {},
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  };
}

async function sendSigned(signed: { headers: Record<string, string>; body?: string }, body = signed.body) {
  return fetch(edge.endpoint, { method: 'POST', headers: signed.headers, body });
}

test('a tampered body or header fails with SignatureDoesNotMatch; an old date is expired', async () => {
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const signed = await signer().sign(stsRequest(body));
  assert.equal((await sendSigned(signed)).status, 200);
  const tampered = await sendSigned(signed, body + '&Extra=1');
  assert.equal(tampered.status, 403);
  assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
  const hdr = await fetch(edge.endpoint, { method: 'POST', headers: { ...signed.headers, 'content-type': 'application/x-www-form-urlencoded; charset=latin1' }, body });
  assert.equal(hdr.status, 403, await hdr.clone().text());

  const old = await signer().sign(stsRequest(body), { signingDate: new Date(Date.now() - 20 * 60_000) });
  const expired = await sendSigned(old);
  assert.equal(expired.status, 403);
  assert.match(await expired.text(), /<Message>Signature expired: \d{8}T\d{6}Z is now earlier than/);
});

test('a signed UNSIGNED-PAYLOAD hash header is honoured', async () => {
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const req = stsRequest(body);
  const signed = await signer().sign({ ...req, headers: { ...req.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
  assert.equal((await sendSigned(signed)).status, 200);
  const hashed = await signer().sign({ ...req, headers: { ...req.headers, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') } });
  assert.equal((await sendSigned(hashed)).status, 200);
});

test('presigned URLs (query-string form) pass; tampered or expired ones fail', async () => {
  const url = new URL(edge.endpoint);
  const request = {
    method: 'GET',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host: url.host },
  };
  const toUrl = (r: { query?: Record<string, unknown> }) => `${edge.endpoint}/?${new URLSearchParams(r.query as Record<string, string>)}`;
  const presigned = await signer().presign(request, { expiresIn: 60 });
  const ok = await fetch(toUrl(presigned));
  assert.equal(ok.status, 200, await ok.clone().text());
  assert.match(await ok.text(), /<Account>000000000000<\/Account>/);

  const tampered = toUrl(presigned).replace('Version=2011-06-15', 'Version=2011-06-16');
  const bad = await fetch(tampered);
  assert.equal(bad.status, 403);
  assert.match(await bad.text(), /SignatureDoesNotMatch/);

  const old = await signer().presign(request, { expiresIn: 60, signingDate: new Date(Date.now() - 120_000) });
  const expired = await fetch(toUrl(old));
  assert.equal(expired.status, 403);
  assert.match(await expired.text(), /Signature expired/);

  const stranger = await signer(unknownKey).presign(request, { expiresIn: 60 });
  assert.match(await (await fetch(toUrl(stranger))).text(), /InvalidClientTokenId/);
});

test('the pip aws CLI signs correctly; a wrong secret is refused', async () => {
  const { stdout } = await run('aws', ['sts', 'get-caller-identity', '--endpoint-url', edge.endpoint, '--output', 'json'], { env: edge.env });
  assert.equal(JSON.parse(stdout).Account, '000000000000');
  await assert.rejects(
    run('aws', ['logs', 'describe-log-groups', '--endpoint-url', edge.endpoint], { env: { ...edge.env, AWS_SECRET_ACCESS_KEY: 'wrong' } }),
    /InvalidSignatureException/,
  );
});

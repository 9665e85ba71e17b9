/**
 * The clients people actually run against the edge port: the pip `aws` CLI v1 (Lambda invoke,
 * logs, STS), boto3 (Lambda invoke), and Debian's CLI v2 at /usr/bin/aws for `aws logs tail`
 * (`--since`, and `--follow` seeing a new invocation live). CLI v2 is installed by
 * scripts/install-test-tools.sh (apt package awscli).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { startEdgeApp, type EdgeApp } from './helpers';
import { removeDir, tempDir } from '../support/stratus-process';

const run = promisify(execFile);
const CLI_V2 = '/usr/bin/aws';
let edge: EdgeApp;
let dir: string;

before(async () => {
  edge = await startEdgeApp();
  dir = tempDir('stratus-aws-cli-');
});
after(async () => {
  await edge?.close();
  removeDir(dir);
});

const aws = (args: string[], cli = 'aws') => run(cli, [...args, '--endpoint-url', edge.endpoint, '--output', 'json'], { env: edge.env, timeout: 30_000 });

test('aws CLI v1: lambda invoke writes the result and the executed version', async () => {
  const out = join(dir, 'out.json');
  const { stdout } = await aws(['lambda', 'invoke', '--function-name', 'edge-echo', '--payload', '{"from":"cli"}', '--log-type', 'Tail', out]);
  const meta = JSON.parse(stdout);
  assert.equal(meta.StatusCode, 200);
  assert.equal(meta.ExecutedVersion, '$LATEST');
  assert.match(Buffer.from(meta.LogResult, 'base64').toString(), /REPORT RequestId/);
  assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')).event, { from: 'cli' });
});

test('aws CLI v1: errors print the AWS code', async () => {
  await assert.rejects(aws(['lambda', 'invoke', '--function-name', 'missing-fn', join(dir, 'x.json')]), (err: { stderr: string }) => {
    assert.match(err.stderr, /ResourceNotFoundException.*Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing-fn/);
    return true;
  });
});

test('aws CLI v1: logs describe-log-groups and sts get-caller-identity', async () => {
  await aws(['lambda', 'invoke', '--function-name', 'edge-echo', join(dir, 'y.json')]);
  const groups = JSON.parse((await aws(['logs', 'describe-log-groups', '--log-group-name-prefix', '/aws/lambda/'])).stdout);
  assert.ok(groups.logGroups.some((g: { logGroupName: string }) => g.logGroupName === '/aws/lambda/edge-echo'));
  const identity = JSON.parse((await aws(['sts', 'get-caller-identity'])).stdout);
  assert.deepEqual(identity, { UserId: '000000000000', Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
});

test('boto3: Lambda invoke, with a function error', async () => {
  const script = `
import boto3, json, os
c = boto3.client('lambda', endpoint_url=os.environ['EDGE'])
ok = c.invoke(FunctionName='edge-echo', Payload=json.dumps({'from': 'boto3'}))
bad = c.invoke(FunctionName='FailFunction', Payload=b'{}')
print(json.dumps({'status': ok['StatusCode'], 'event': json.loads(ok['Payload'].read())['event'],
  'error': bad.get('FunctionError'), 'errorType': json.loads(bad['Payload'].read())['errorType']}))
`;
  const { stdout } = await run('python3', ['-c', script], { env: { ...edge.env, EDGE: edge.endpoint }, timeout: 30_000 });
  assert.deepEqual(JSON.parse(stdout), { status: 200, event: { from: 'boto3' }, error: 'Unhandled', errorType: 'TypeError' });
});

const cliV2 = existsSync(CLI_V2) ? undefined : 'Debian awscli (CLI v2) is not installed: run scripts/install-test-tools.sh';

test('aws CLI v2: logs tail --since 1h prints the function\'s lines', { skip: cliV2 }, async () => {
  const lambda = new LambdaClient(edge.client);
  await lambda.send(new InvokeCommand({ FunctionName: 'edge-echo', Payload: '{"tail":"since"}' }));
  lambda.destroy();
  const { stdout } = await aws(['logs', 'tail', '/aws/lambda/edge-echo', '--since', '1h'], CLI_V2);
  assert.match(stdout, /^\d{4}-\d{2}-\d{2}T[\d:.]+\+00:00 \d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32} START RequestId/m);
  assert.match(stdout, /INFO\techo got {"tail":"since"}/);
});

test('aws CLI v2: logs tail --follow shows a new invocation live', { skip: cliV2, timeout: 30_000 }, async () => {
  const child = spawn(CLI_V2, ['logs', 'tail', '/aws/lambda/edge-echo', '--follow', '--since', '1m', '--endpoint-url', edge.endpoint], { env: edge.env });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  try {
    // Let the CLI start (Python imports take about a second) so the line below arrives live.
    await sleep(1500);
    const lambda = new LambdaClient(edge.client);
    await lambda.send(new InvokeCommand({ FunctionName: 'edge-echo', Payload: '{"live":"follow-me"}' }));
    lambda.destroy();
    await waitFor(() => out.includes('follow-me'), 15_000, () => `stdout:\n${out}\nstderr:\n${err}`);
    assert.equal(child.exitCode, null, 'tail --follow keeps running');
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  }
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean, ms: number, explain: () => string): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out\n${explain()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

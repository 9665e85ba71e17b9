/**
 * As a user would: `stratus start` spawned on the SES fixture, mail sent with boto3
 * (`ses.send_email`) and with the installed SDK from a function, then read back with
 * `stratus mail` (plain, `--to`, `--since`, `--json`) found through the state folder.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runStratus, startStratus, removeDir, type StratusProcess } from '../support/stratus-process';
import { CREDENTIALS, REGION, SES_MESSAGE_ID } from './helpers';

const run = promisify(execFile);
let app: StratusProcess;
const mail = (...args: string[]) => runStratus(['mail', ...args, '--state-dir', app.stateDir]);

before(async () => {
  app = await startStratus(['test/aws-ses/fixture']);
});
after(async () => {
  await app?.stop();
  if (app) removeDir(app.stateDir);
});

const BOTO3_SEND = `
import boto3, json
ses = boto3.client('ses')
out = ses.send_email(
    Source='HR Sync <hr@example.com>',
    Destination={'ToAddresses': ['dev@example.com'], 'CcAddresses': ['biz@example.com']},
    Message={'Subject': {'Data': 'Tenant acme failed'}, 'Body': {'Text': {'Data': 'Traceback: boom'}}},
    Tags=[{'Name': 'tenant', 'Value': 'acme'}],
)
print(out['MessageId'])
`;

test('boto3 ses.send_email, then stratus mail lists it; --to filters; --json has the body', async () => {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: REGION,
    AWS_ENDPOINT_URL: app.edgeUrl,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  const { stdout } = await run('python3', ['-c', BOTO3_SEND], { env });
  const messageId = stdout.trim();
  assert.match(messageId, SES_MESSAGE_ID);

  const listed = await mail();
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, new RegExp(`Z  ${messageId}  \\(ses-v1 SendEmail\\)`));
  assert.match(listed.stdout, /^ {2}From: {4}HR Sync <hr@example\.com>$/m);
  assert.match(listed.stdout, /^ {2}To: {6}dev@example\.com$/m);
  assert.match(listed.stdout, /^ {2}Cc: {6}biz@example\.com$/m);
  assert.match(listed.stdout, /^ {2}Subject: Tenant acme failed$/m);
  assert.match(listed.stdout, /^ {2}Traceback: boom$/m);

  const byCc = await mail('--to', 'BIZ@example.com', '--json');
  assert.equal(byCc.code, 0, byCc.stderr);
  const [json] = JSON.parse(byCc.stdout);
  assert.deepEqual([json.messageId, json.text, json.details.tags], [messageId, 'Traceback: boom', { tenant: 'acme' }]);

  assert.equal((await mail('--to', 'nobody@example.com')).stdout, 'no mail\n');
  const recent = await mail('--since', '1h', '--json');
  assert.equal(JSON.parse(recent.stdout).length, 1);
  const bad = await mail('--since', 'yesterday');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--since "yesterday"/);
});

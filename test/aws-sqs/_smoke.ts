import { join } from 'node:path';
import { startApp } from '/work/main/src/app/app';
import { DEFAULTS, defaultEngineUrl } from '/work/main/src/app/config';
import { SQSClient, ListQueuesCommand, SendMessageCommand, ReceiveMessageCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { mkdtempSync } from 'node:fs';
const stateDir = mkdtempSync('/tmp/sqs-smoke-');
const app = await startApp({ templatePath: '/work/main/test/fixtures/apps/async/template.yaml', host: DEFAULTS.host, port: 0, edgePort: 0, stateDir, engineUrl: defaultEngineUrl(stateDir), region: 'us-east-1', accountId: '000000000000', parameterOverrides: {}, envVars: {}, hotReload: false });
const c = new SQSClient({ endpoint: app.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
console.log(await c.send(new ListQueuesCommand({})));
const { QueueUrl } = await c.send(new GetQueueUrlCommand({ QueueName: 'failure-records' }));
console.log(await c.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hi', MessageAttributes: { b: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) }, s: { DataType: 'String', StringValue: 'x' } } })));
console.log(JSON.stringify(await c.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'], AttributeNames: ['All'] }))));
try { await c.send(new GetQueueUrlCommand({ QueueName: 'nope' })); } catch (e) { console.log(e.name, e.Code, e.$metadata.httpStatusCode, e.message); }
console.log(app.edgeUrl);
const env = { ...process.env, AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_PAGER: '' };
const { execFileSync } = await import('node:child_process');
for (const cli of ['aws', '/usr/bin/aws']) {
  for (const args of [['sqs', 'list-queues'], ['sqs', 'send-message', '--queue-url', QueueUrl!, '--message-body', 'x', '--message-attributes', '{"k":{"DataType":"Binary","BinaryValue":"AQID"}}'], ['sqs', 'receive-message', '--queue-url', QueueUrl!, '--attribute-names', 'All', '--message-attribute-names', 'All'], ['sqs', 'receive-message', '--queue-url', QueueUrl!], ['sqs', 'get-queue-url', '--queue-name', 'nope'], ['sqs', 'get-queue-attributes', '--queue-url', QueueUrl!, '--attribute-names', 'All']]) {
    try { console.log(cli, args[1], execFileSync(cli, [...args, '--endpoint-url', app.edgeUrl, '--debug'].slice(0, args.length + 2), { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })); } catch (e) { console.log(cli, args[1], 'ERR', e.stderr.slice(-400)); }
  }
}
c.destroy();
await app.close();

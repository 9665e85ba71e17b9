/**
 * The two `aws` CLIs people have, side by side against one app: the pip-installed CLI v1 speaks
 * AWS JSON 1.0 to SQS; Debian's CLI v2.9 at /usr/bin/aws speaks the query protocol (form
 * requests, XML answers). CLI v2 is installed in CI by scripts/install-test-tools.sh (apt awscli).
 */
import { describe, test, before, after } from 'node:test';
import { existsSync } from 'node:fs';
import { CLI_V2, startSqsApp, type SqsApp } from './helpers';
import { cliScenario } from './cli-scenario';

const skipV2 = existsSync(CLI_V2) ? undefined : 'Debian awscli (CLI v2) is not installed: run scripts/install-test-tools.sh';
let s: SqsApp;
before(async () => {
  s = await startSqsApp();
});
after(async () => {
  await s?.close();
});

describe('aws CLIs', { concurrency: true }, () => {
  test('aws CLI v1 (JSON protocol): every SQS operation', async () => {
    await cliScenario(s, 'aws', 'cli1', { moveTasks: true });
  });

  test('aws CLI v2.9 (query protocol): every SQS operation its model has', { skip: skipV2 }, async () => {
    // CLI v2.9's model predates StartMessageMoveTask & co.; query.test.ts sends those as raw forms.
    await cliScenario(s, CLI_V2, 'cli2', { moveTasks: false });
  });
});

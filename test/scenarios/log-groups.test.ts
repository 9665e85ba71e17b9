/** A template's AWS::Logs::LogGroup exists from the start, as CloudFormation creates it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { startLibraryApp } from '../support/library-app';

test('template log groups are listed by DescribeLogGroups before anything writes to them', async () => {
  const t = await startLibraryApp('test/fixtures/apps/async');
  const logs = new CloudWatchLogsClient({ endpoint: t.app.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
  try {
    const out = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/app/' }));
    assert.deepEqual(out.logGroups?.map((g) => g.logGroupName), ['/app/audit']);
  } finally {
    logs.destroy();
    await t.close();
  }
});

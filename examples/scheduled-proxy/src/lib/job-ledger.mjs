/**
 * The worker's own record of finished jobs, so a redelivered message (visibility timeout lapsed,
 * a duplicate sent after SQS's 5-minute deduplication interval) never runs a job twice even if a
 * service forgot to honour the idempotency key. It lives in CloudWatch Logs: one log stream per
 * job key, created when the job is done. CreateLogStream fails with ResourceAlreadyExistsException
 * for an existing name, so the record is written once, needs no table, and shows in
 * `aws logs tail`. The log group's retention (template) outlives the queue's message retention, the
 * longest a message can come back.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogStream.html
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogStreamsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';

const logs = new CloudWatchLogsClient({});

export async function isJobDone(key, logGroupName = process.env.JOB_LEDGER_LOG_GROUP) {
  try {
    const out = await logs.send(new DescribeLogStreamsCommand({ logGroupName, logStreamNamePrefix: key }));
    return (out.logStreams ?? []).some((stream) => stream.logStreamName === key);
  } catch (error) {
    if (error?.name === 'ResourceNotFoundException') return false;
    throw error;
  }
}

export async function recordJobDone(key, report, logGroupName = process.env.JOB_LEDGER_LOG_GROUP) {
  await ignoreExisting(() => logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: key }))).catch(async (error) => {
    if (error?.name !== 'ResourceNotFoundException') throw error;
    // The template creates the group; if it was deleted since, create it again rather than fail.
    await ignoreExisting(() => logs.send(new CreateLogGroupCommand({ logGroupName })));
    await ignoreExisting(() => logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: key })));
  });
  const message = JSON.stringify({ key, outcome: report.outcome, failCount: report.failCount, finishedAt: report.finishedAt });
  await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: key, logEvents: [{ timestamp: Date.now(), message }] }));
}

async function ignoreExisting(action) {
  try {
    await action();
  } catch (error) {
    if (error?.name !== 'ResourceAlreadyExistsException') throw error;
  }
}

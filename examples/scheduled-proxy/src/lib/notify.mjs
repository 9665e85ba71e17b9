/**
 * Hands a report to the notifier function as an asynchronous invocation, one per channel. Lambda
 * keeps the event in its own queue, retries the notifier (EventInvokeConfig) and sends the
 * event to the OnFailure destination when retries run out, so a webhook outage never loses a
 * report. One invocation per channel keeps a failing workflow from re-posting the Teams card.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { needsWorkflowPost } from './run-report.mjs';

const lambda = new LambdaClient({});

export async function dispatchReport(report, functionName = process.env.NOTIFIER_FUNCTION_NAME) {
  const channels = needsWorkflowPost(report) ? ['teams', 'workflow'] : ['teams'];
  for (const channel of channels) {
    const out = await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: JSON.stringify({ channel, report }) }));
    if (out.StatusCode !== 202) throw new Error(`Lambda did not accept the ${channel} notification (status ${out.StatusCode})`);
  }
  return channels;
}

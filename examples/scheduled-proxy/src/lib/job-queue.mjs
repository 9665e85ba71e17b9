/**
 * Long jobs travel as messages on a FIFO queue instead of one HTTP call that outlives the load
 * balancer's idle timeout (the seed's proposed fix). The message group is the service, so its
 * jobs run one at a time in schedule order; the deduplication id is the job key, so a retried
 * proxy invocation (Lambda retries after 1 and 2 minutes) does not enqueue the job twice inside
 * SQS's 5-minute deduplication interval.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { jobLabel } from './job-spec.mjs';
import { jobKey } from './job-key.mjs';

const sqs = new SQSClient({});

export async function enqueueJob(spec, queueUrl = process.env.JOB_QUEUE_URL) {
  const key = jobKey(spec);
  const message = { key, label: jobLabel(spec), service: spec.service, url: spec.url, method: spec.method, headers: spec.headers, body: spec.body, scheduledTime: spec.scheduledTime };
  const out = await sqs.send(
    new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message), MessageGroupId: spec.service, MessageDeduplicationId: key }),
  );
  return { key, messageId: out.MessageId };
}

/** Mails go to the mail queue, one message each; the mail function sends them through SES. */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Mailer, OutgoingMail } from '../core/ports';

/** SendMessageBatch takes at most 10 entries (SQS API Reference, SendMessageBatch). */
const SQS_BATCH_LIMIT = 10;

export function queueMailer(sqs: SQSClient, queueUrl: string): Mailer {
  return {
    async send(mails: OutgoingMail[]) {
      for (let i = 0; i < mails.length; i += SQS_BATCH_LIMIT) {
        const batch = mails.slice(i, i + SQS_BATCH_LIMIT);
        const out = await sqs.send(new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((mail, j) => ({ Id: String(j), MessageBody: JSON.stringify(mail) })),
        }));
        if (out.Failed?.length) throw new Error(`mail queue refused ${out.Failed.length} mail(s): ${out.Failed.map((f) => f.Message).join('; ')}`);
      }
    },
  };
}

/**
 * Mail queue → SES SendEmail. Each record is one mail; a failed send is reported as a batch item
 * failure so only that mail is retried, and after the queue's maxReceiveCount it waits in the DLQ.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { parseQueuedMail, sendWithSes } from './adapters/ses-mail';

const ses = new SESv2Client({});
const from = process.env.MAIL_FROM ?? '';

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const mail = parseQueuedMail(record.body);
      const messageId = await sendWithSes(ses, from, mail);
      console.log(`sent "${mail.subject}" to ${mail.to.join(', ')} as ${messageId}`);
    } catch (err) {
      console.error(`mail ${record.messageId} not sent: ${(err as Error).stack ?? err}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

/** One queued mail → SES v2 SendEmail, as plain UTF-8 text (Korean names stay readable). */
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { OutgoingMail } from '../core/ports';

export async function sendWithSes(ses: SESv2Client, from: string, mail: OutgoingMail): Promise<string | undefined> {
  const out = await ses.send(new SendEmailCommand({
    FromEmailAddress: from,
    Destination: { ToAddresses: mail.to },
    Content: {
      Simple: {
        Subject: { Data: mail.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: mail.text, Charset: 'UTF-8' } },
      },
    },
  }));
  return out.MessageId;
}

export function parseQueuedMail(body: string): OutgoingMail {
  const mail = JSON.parse(body) as OutgoingMail;
  if (!Array.isArray(mail.to) || mail.to.length === 0 || typeof mail.subject !== 'string' || typeof mail.text !== 'string') {
    throw new Error('queued mail needs to[], subject and text');
  }
  return mail;
}

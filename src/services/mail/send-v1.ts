/**
 * SES v1 SendEmail and SendRawEmail (SES API Reference, API version 2010-12-01). Checks run in
 * SES's order: required members, then addresses, then the recipient count. Every sender is
 * accepted: Stratus behaves like an account out of the SES sandbox (no identity must be verified).
 */
import type { Clock } from '../../shared/clock';
import { addressOf, checkAddresses, checkRecipientCount } from './addresses';
import { invalidValue, missingMembers } from './errors';
import { newSesMessageId } from './message-id';
import { defined, tagMap, type Outbox } from './outbox';
import { parseRawMessage } from './raw';
import type { SendEmailOutput, SendEmailV1Input, SendRawEmailInput } from './types';

export function createV1Sending(outbox: Outbox, clock: Clock) {
  return {
    async sendEmail(input: SendEmailV1Input): Promise<SendEmailOutput> {
      const missing: string[] = [];
      if (input.Source === undefined) missing.push('source');
      if (input.Destination === undefined) missing.push('destination');
      if (input.Message === undefined) missing.push('message');
      else {
        if (input.Message.Subject === undefined) missing.push('message.subject');
        else if (input.Message.Subject.Data === undefined) missing.push('message.subject.data');
        if (input.Message.Body === undefined) missing.push('message.body');
      }
      if (missing.length > 0) throw missingMembers('v1', missing);
      const to = input.Destination?.ToAddresses ?? [];
      const cc = input.Destination?.CcAddresses ?? [];
      const bcc = input.Destination?.BccAddresses ?? [];
      const replyTo = input.ReplyToAddresses ?? [];
      checkAddresses('v1', [input.Source!, ...to, ...cc, ...bcc, ...replyTo, ...(input.ReturnPath ? [input.ReturnPath] : [])]);
      checkRecipientCount('v1', to.length + cc.length + bcc.length);
      const now = clock.now();
      const stored = await outbox.accept({
        messageId: newSesMessageId(now),
        origin: 'ses-v1',
        operation: 'SendEmail',
        from: input.Source!,
        to,
        cc,
        bcc,
        replyTo,
        subject: input.Message!.Subject!.Data,
        text: input.Message!.Body!.Text?.Data,
        html: input.Message!.Body!.Html?.Data,
        details: defined({
          returnPath: input.ReturnPath,
          tags: tagMap(input.Tags),
          configurationSet: input.ConfigurationSetName,
          sourceArn: input.SourceArn,
        }),
        sentAt: now,
      });
      return { MessageId: stored.messageId };
    },

    async sendRawEmail(input: SendRawEmailInput): Promise<SendEmailOutput> {
      if (input.RawMessage?.Data === undefined) throw missingMembers('v1', [input.RawMessage ? 'rawMessage.data' : 'rawMessage']);
      const parsed = await parseRawMessage('v1', input.RawMessage.Data);
      // Source wins over the From header for the envelope; one of them must exist.
      const from = input.Source ?? parsed.from[0];
      if (from === undefined) throw invalidValue('v1', "Missing required header 'From'.");
      // Destinations, when given, replace the header recipients (SendRawEmail "Destinations").
      const destinations = input.Destinations ?? [];
      const to = destinations.length > 0 ? destinations : parsed.to;
      const cc = destinations.length > 0 ? [] : parsed.cc;
      const bcc = destinations.length > 0 ? [] : parsed.bcc;
      checkAddresses('v1', [from, ...to, ...cc, ...bcc]);
      checkRecipientCount('v1', to.length + cc.length + bcc.length);
      const now = clock.now();
      const stored = await outbox.accept({
        messageId: newSesMessageId(now),
        origin: 'ses-v1',
        operation: 'SendRawEmail',
        from,
        to,
        cc,
        bcc,
        replyTo: parsed.replyTo,
        subject: parsed.subject,
        text: parsed.text,
        html: parsed.html,
        raw: Buffer.from(input.RawMessage.Data),
        details: defined({
          headerFrom: parsed.from[0] !== undefined && addressOf(parsed.from[0]) !== addressOf(from) ? parsed.from[0] : undefined,
          attachments: parsed.attachments.length > 0 ? parsed.attachments : undefined,
          tags: tagMap(input.Tags),
          configurationSet: input.ConfigurationSetName,
        }),
        sentAt: now,
      });
      return { MessageId: stored.messageId };
    },
  };
}

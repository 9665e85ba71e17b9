/**
 * SES v2 SendEmail (SES API v2 Reference, `POST /v2/email/outbound-emails`): Simple, Raw and
 * Template content. Errors use v2's names (BadRequestException, NotFoundException).
 *
 * Templates: Stratus keeps no stored templates yet (CreateEmailTemplate is not served), so a
 * TemplateName or TemplateArn answers NotFoundException as SES does for an unknown template;
 * inline TemplateContent is rendered with TemplateData ({{name}} placeholders, dotted paths).
 */
import type { Clock } from '../../shared/clock';
import { checkAddresses, checkRecipientCount } from './addresses';
import { invalidValue, missingMembers, notFound } from './errors';
import { newSesMessageId } from './message-id';
import { defined, tagMap, type Outbox } from './outbox';
import { parseRawMessage } from './raw';
import { renderTemplate } from './template';
import type { SendEmailOutput, SendEmailV2Input } from './types';

export function createV2Sending(outbox: Outbox, clock: Clock) {
  return async function sendEmailV2(input: SendEmailV2Input): Promise<SendEmailOutput> {
    const content = input.Content;
    if (content === undefined) throw missingMembers('v2', ['content']);
    const body = await readContent(input);
    const from = input.FromEmailAddress ?? body.headerFrom;
    if (from === undefined) throw invalidValue('v2', "Missing required header 'From'.");
    const to = input.Destination?.ToAddresses ?? body.to;
    const cc = input.Destination?.CcAddresses ?? body.cc;
    const bcc = input.Destination?.BccAddresses ?? body.bcc;
    const replyTo = input.ReplyToAddresses ?? body.replyTo;
    checkAddresses('v2', [from, ...to, ...cc, ...bcc, ...replyTo]);
    checkRecipientCount('v2', to.length + cc.length + bcc.length);
    const now = clock.now();
    const stored = await outbox.accept({
      messageId: newSesMessageId(now),
      origin: 'ses-v2',
      operation: 'SendEmail',
      from,
      to,
      cc,
      bcc,
      replyTo,
      subject: body.subject,
      text: body.text,
      html: body.html,
      raw: body.raw,
      details: defined({
        content: body.kind,
        tags: tagMap(input.EmailTags),
        configurationSet: input.ConfigurationSetName,
        feedbackForwardingAddress: input.FeedbackForwardingEmailAddress,
        attachments: body.attachments,
        headers: body.headers,
      }),
      sentAt: now,
    });
    return { MessageId: stored.messageId };
  };
}

interface ReadContent {
  kind: 'Simple' | 'Raw' | 'Template';
  subject?: string;
  text?: string;
  html?: string;
  raw?: Buffer;
  headerFrom?: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  attachments?: { filename?: string; contentType: string; size: number }[];
  headers?: Record<string, string>;
}

async function readContent(input: SendEmailV2Input): Promise<ReadContent> {
  const { Simple: simple, Raw: raw, Template: template } = input.Content!;
  const given = [simple, raw, template].filter((c) => c !== undefined).length;
  if (given !== 1) throw invalidValue('v2', 'Exactly one of Simple, Raw or Template content must be specified.');
  const none = { to: [], cc: [], bcc: [], replyTo: [] };
  if (simple) {
    if (simple.Subject?.Data === undefined) throw missingMembers('v2', ['content.simple.subject']);
    if (simple.Body === undefined) throw missingMembers('v2', ['content.simple.body']);
    return {
      kind: 'Simple',
      ...none,
      subject: simple.Subject.Data,
      text: simple.Body.Text?.Data,
      html: simple.Body.Html?.Data,
      attachments: simple.Attachments?.map((a) => ({ filename: a.FileName, contentType: a.ContentType ?? 'application/octet-stream', size: a.RawContent?.byteLength ?? 0 })),
      headers: simple.Headers ? Object.fromEntries(simple.Headers.map((h) => [h.Name ?? '', h.Value ?? ''])) : undefined,
    };
  }
  if (raw) {
    if (raw.Data === undefined) throw missingMembers('v2', ['content.raw.data']);
    const parsed = await parseRawMessage('v2', raw.Data);
    return { kind: 'Raw', ...parsed, headerFrom: parsed.from[0], raw: Buffer.from(raw.Data), attachments: parsed.attachments.length > 0 ? parsed.attachments : undefined };
  }
  if (!template!.TemplateContent) {
    const name = template!.TemplateName ?? template!.TemplateArn;
    if (name === undefined) throw invalidValue('v2', 'Template name or ARN must be specified.');
    throw notFound(`Template ${name} does not exist.`);
  }
  const rendered = renderTemplate(template!.TemplateContent, template!.TemplateData);
  return { kind: 'Template', ...none, ...rendered };
}

/**
 * SES through the real SDK v3 clients: v1 SendEmail and SendRawEmail (MIME with an attachment,
 * built by nodemailer's composer), v2 SendEmail (Simple, Raw, inline Template), identities and
 * GetSendQuota, and a function sending mail with the SDK the runtime provides. Every accepted
 * message is asserted in the outbox (`GET /_stratus/api/mail`). Shapes pinned: SES API Reference
 * (SendEmail, SendRawEmail, GetIdentityVerificationAttributes), SES API v2 Reference (SendEmail).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import MailComposer from 'nodemailer/lib/mail-composer';
import {
  GetIdentityVerificationAttributesCommand,
  GetSendQuotaCommand,
  ListIdentitiesCommand,
  SendEmailCommand,
  SendRawEmailCommand,
  VerifyDomainIdentityCommand,
  VerifyEmailIdentityCommand,
} from '@aws-sdk/client-ses';
import { SendEmailCommand as SendEmailV2Command, NotFoundException } from '@aws-sdk/client-sesv2';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { SES_MESSAGE_ID, startSesApp, type SesApp } from './helpers';

let s: SesApp;
before(async () => {
  s = await startSesApp();
});
after(async () => {
  await s?.close();
});

const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.com`;

async function composeRaw(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

test('v1 SendEmail: SES message id; every member lands in the outbox', async () => {
  const to = unique('dev');
  const { MessageId } = await s.ses.send(
    new SendEmailCommand({
      Source: '"HR Sync" <hr-sync@example.com>',
      Destination: { ToAddresses: [to], CcAddresses: ['biz@example.com'], BccAddresses: ['audit@example.com'] },
      Message: {
        Subject: { Data: 'Sync failed for tenant acme', Charset: 'UTF-8' },
        Body: { Text: { Data: 'Error: boom\n    at sync (core.js:1:1)' }, Html: { Data: '<pre>Error: boom</pre>' } },
      },
      ReplyToAddresses: ['support@example.com'],
      ReturnPath: 'bounces@example.com',
      Tags: [{ Name: 'tenant', Value: 'acme' }],
      ConfigurationSetName: 'hr-sync',
    }),
  );
  assert.match(MessageId!, SES_MESSAGE_ID);
  const [mail] = await s.outbox({ to });
  assert.deepEqual(
    { ...mail, sentAt: undefined },
    {
      messageId: MessageId,
      origin: 'ses-v1',
      operation: 'SendEmail',
      sentAt: undefined,
      from: '"HR Sync" <hr-sync@example.com>',
      to: [to],
      cc: ['biz@example.com'],
      bcc: ['audit@example.com'],
      replyTo: ['support@example.com'],
      subject: 'Sync failed for tenant acme',
      text: 'Error: boom\n    at sync (core.js:1:1)',
      html: '<pre>Error: boom</pre>',
      details: { returnPath: 'bounces@example.com', tags: { tenant: 'acme' }, configurationSet: 'hr-sync' },
      hasRaw: false,
    },
  );
  assert.equal((await s.outbox({ to: 'AUDIT@example.com' })).at(-1)?.messageId, MessageId, 'found by its Bcc, any case');
});

test('v1 SendRawEmail: a MIME message with an attachment is kept as sent and read', async () => {
  const to = unique('contact');
  const raw = await composeRaw({
    from: 'Reports <reports@example.com>',
    to,
    cc: 'cc@example.com',
    subject: 'Résumé du jour ✓',
    text: 'See the attached report.',
    html: '<p>See the attached report.</p>',
    attachments: [
      { filename: 'report.csv', content: 'tenant,created\nacme,3\n', contentType: 'text/csv' },
      { filename: 'logo.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]) },
    ],
  });
  const { MessageId } = await s.ses.send(new SendRawEmailCommand({ RawMessage: { Data: raw } }));
  assert.match(MessageId!, SES_MESSAGE_ID);
  const [mail] = await s.outbox({ to, raw: '1' });
  assert.equal(mail.operation, 'SendRawEmail');
  assert.equal(mail.from, '"Reports" <reports@example.com>');
  assert.deepEqual([mail.to, mail.cc], [[to], ['cc@example.com']]);
  assert.equal(mail.subject, 'Résumé du jour ✓');
  assert.equal(mail.text?.trim(), 'See the attached report.');
  assert.equal(mail.html?.trim(), '<p>See the attached report.</p>');
  assert.deepEqual(
    mail.details.attachments.map((a: { filename: string; contentType: string; size: number }) => [a.filename, a.contentType, a.size]),
    [
      ['report.csv', 'text/csv', 22],
      ['logo.png', 'image/png', 8],
    ],
  );
  assert.equal(mail.raw, raw.toString('utf8'), 'the bytes as sent');
});

test('v1 SendRawEmail: Source and Destinations override the headers', async () => {
  const only = unique('only');
  const raw = await composeRaw({ from: 'header@example.com', to: 'header-to@example.com', subject: 'x', text: 'y' });
  await s.ses.send(new SendRawEmailCommand({ Source: 'envelope@example.com', Destinations: [only], RawMessage: { Data: raw } }));
  const [mail] = await s.outbox({ to: only });
  assert.deepEqual([mail.from, mail.to, mail.details.headerFrom], ['envelope@example.com', [only], 'header@example.com']);
});

test('v2 SendEmail: Simple, Raw and inline Template content', async () => {
  const to = unique('v2');
  const simple = await s.sesv2.send(
    new SendEmailV2Command({
      FromEmailAddress: 'noreply@example.com',
      Destination: { ToAddresses: [to] },
      ReplyToAddresses: ['help@example.com'],
      Content: { Simple: { Subject: { Data: 'Simple' }, Body: { Text: { Data: 'plain' }, Html: { Data: '<b>html</b>' } } } },
      EmailTags: [{ Name: 'kind', Value: 'simple' }],
    }),
  );
  const raw = await s.sesv2.send(
    new SendEmailV2Command({ Content: { Raw: { Data: await composeRaw({ from: 'raw@example.com', to, subject: 'Raw', text: 'raw body' }) } } }),
  );
  const templated = await s.sesv2.send(
    new SendEmailV2Command({
      FromEmailAddress: 'noreply@example.com',
      Destination: { ToAddresses: [to] },
      Content: {
        Template: {
          TemplateContent: { Subject: 'Hello {{name}}', Text: '{{count}} changes', Html: '<p>{{name}} & co</p>' },
          TemplateData: JSON.stringify({ name: 'Kim <K>', count: 3 }),
        },
      },
    }),
  );
  for (const { MessageId } of [simple, raw, templated]) assert.match(MessageId!, SES_MESSAGE_ID);
  const mails = await s.outbox({ to });
  assert.deepEqual(
    mails.map((m) => [m.messageId, m.origin, m.from, m.subject, m.text?.trim(), m.details.content]),
    [
      [simple.MessageId, 'ses-v2', 'noreply@example.com', 'Simple', 'plain', 'Simple'],
      [raw.MessageId, 'ses-v2', 'raw@example.com', 'Raw', 'raw body', 'Raw'],
      [templated.MessageId, 'ses-v2', 'noreply@example.com', 'Hello Kim <K>', '3 changes', 'Template'],
    ],
  );
  assert.deepEqual([mails[0].replyTo, mails[0].html, mails[0].details.tags], [['help@example.com'], '<b>html</b>', { kind: 'simple' }]);
  assert.equal(mails[2].html, '<p>Kim &lt;K&gt; & co</p>', 'values are escaped, the template itself is not');
  assert.equal(mails[1].hasRaw, true);
});

test('v2 SendEmail with a stored template name: NotFoundException (no templates are stored)', async () => {
  await assert.rejects(
    s.sesv2.send(new SendEmailV2Command({ FromEmailAddress: 'a@example.com', Destination: { ToAddresses: ['b@example.com'] }, Content: { Template: { TemplateName: 'welcome', TemplateData: '{}' } } })),
    (err: Error & { $metadata?: { httpStatusCode?: number } }) => err instanceof NotFoundException && err.$metadata?.httpStatusCode === 404 && /welcome/.test(err.message),
  );
});

test('identities: verified at once, listed, and reported as Success', async () => {
  await s.ses.send(new VerifyEmailIdentityCommand({ EmailAddress: 'sender@example.com' }));
  const { VerificationToken } = await s.ses.send(new VerifyDomainIdentityCommand({ Domain: 'Example.org' }));
  assert.match(VerificationToken!, /^[A-Za-z0-9+/]{43}=$/);
  assert.deepEqual((await s.ses.send(new ListIdentitiesCommand({}))).Identities, ['example.org', 'sender@example.com']);
  assert.deepEqual((await s.ses.send(new ListIdentitiesCommand({ IdentityType: 'Domain' }))).Identities, ['example.org']);
  const paged = await s.ses.send(new ListIdentitiesCommand({ MaxItems: 1 }));
  assert.deepEqual(paged.Identities, ['example.org']);
  assert.deepEqual((await s.ses.send(new ListIdentitiesCommand({ MaxItems: 1, NextToken: paged.NextToken }))).Identities, ['sender@example.com']);
  const { VerificationAttributes } = await s.ses.send(new GetIdentityVerificationAttributesCommand({ Identities: ['sender@example.com', 'example.org', 'unknown@example.com'] }));
  assert.deepEqual(VerificationAttributes, {
    'sender@example.com': { VerificationStatus: 'Success' },
    'example.org': { VerificationStatus: 'Success', VerificationToken },
  });
});

test('GetSendQuota counts the recipients of the last 24 hours', async () => {
  const before = await s.ses.send(new GetSendQuotaCommand({}));
  await s.ses.send(new SendEmailCommand({ Source: 'a@example.com', Destination: { ToAddresses: ['b@example.com', 'c@example.com'] }, Message: { Subject: { Data: 'q' }, Body: { Text: { Data: 'q' } } } }));
  const afterSend = await s.ses.send(new GetSendQuotaCommand({}));
  assert.deepEqual([afterSend.Max24HourSend, afterSend.MaxSendRate], [50_000, 14]);
  assert.equal(afterSend.SentLast24Hours, before.SentLast24Hours! + 2);
});

test('a function sends mail with the SDK the runtime provides', async () => {
  const to = unique('ops');
  const out = await s.lambda.send(
    new InvokeCommand({ FunctionName: 'mailer', Payload: JSON.stringify({ from: 'mailer@example.com', to: [to], subject: 'From Lambda', text: 'hello' }) }),
  );
  assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
  const { MessageId } = JSON.parse(Buffer.from(out.Payload!).toString());
  const [mail] = await s.outbox({ to });
  assert.deepEqual([mail.messageId, mail.subject, mail.text], [MessageId, 'From Lambda', 'hello']);
});

/**
 * The outbox's durability and reach: an SMTP relay to a real SMTP server on 127.0.0.1 (envelope
 * with Bcc, SES's Message-ID, raw bytes unchanged), a relay that fails (the message is kept and
 * the failure recorded), messages surviving a restart, pending relays resumed at start, and SNS
 * `email` subscriptions (confirmation and notification) landing in the same outbox.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import MailComposer from 'nodemailer/lib/mail-composer';
import { SendEmailCommand, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { ConfirmSubscriptionCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { openEngine } from '../../src/engine/index';
import { defaultEngineUrl } from '../../src/app/config';
import { removeDir, tempDir } from '../support/stratus-process';
import { eventually, startSesApp, startSmtpServer, type SesApp } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function app(options: Parameters<typeof startSesApp>[0] = {}): Promise<SesApp> {
  const s = await startSesApp(options);
  cleanups.push(() => s.close(options.stateDir === undefined));
  return s;
}

const MESSAGE = { Subject: { Data: 'Nightly sync' }, Body: { Text: { Data: 'All good' }, Html: { Data: '<p>All good</p>' } } };

test('relay: each message also goes to the SMTP server, Bcc in the envelope only', async () => {
  const smtp = await startSmtpServer();
  cleanups.push(() => smtp.close());
  const s = await app({ smtpRelay: smtp.url });
  const { MessageId } = await s.ses.send(
    new SendEmailCommand({
      Source: 'HR Sync <hr@example.com>',
      Destination: { ToAddresses: ['dev@example.com'], CcAddresses: ['biz@example.com'], BccAddresses: ['audit@example.com'] },
      ReturnPath: 'bounces@example.com',
      Message: MESSAGE,
    }),
  );
  await s.app.mail.idle();
  const [mail] = await s.outbox();
  assert.equal(mail.relay?.status, 'sent', JSON.stringify(mail.relay));
  assert.equal(smtp.received.length, 1);
  const [got] = smtp.received;
  assert.equal(got.from, 'bounces@example.com');
  assert.deepEqual(got.to, ['dev@example.com', 'biz@example.com', 'audit@example.com']);
  assert.equal(got.parsed.subject, 'Nightly sync');
  assert.equal(got.parsed.text?.trim(), 'All good');
  assert.equal(got.parsed.html, '<p>All good</p>');
  assert.equal(got.parsed.messageId, `<${MessageId}@email.amazonses.com>`);
  assert.equal(got.parsed.bcc, undefined, 'no Bcc header');

  const raw = await new MailComposer({ from: 'r@example.com', to: 'x@example.com', subject: 'Raw one', text: 'raw', attachments: [{ filename: 'a.txt', content: 'A' }] }).compile().build();
  await s.ses.send(new SendRawEmailCommand({ RawMessage: { Data: raw } }));
  await s.app.mail.idle();
  assert.equal(smtp.received.length, 2);
  assert.equal(smtp.received[1].raw.replace(/\r\n/g, '\n').trim(), raw.toString().replace(/\r\n/g, '\n').trim(), 'raw bytes unchanged');
  assert.deepEqual(smtp.received[1].parsed.attachments.map((a) => a.filename), ['a.txt']);
});

test('relay failure: the message is kept and the failure recorded', async () => {
  const closedPort = await freePort();
  const s = await app({ smtpRelay: `smtp://127.0.0.1:${closedPort}` });
  const { MessageId } = await s.ses.send(new SendEmailCommand({ Source: 'a@example.com', Destination: { ToAddresses: ['b@example.com'] }, Message: MESSAGE }));
  await s.app.mail.idle();
  const [mail] = await s.outbox();
  assert.equal(mail.messageId, MessageId);
  assert.equal(mail.relay?.status, 'failed');
  assert.match(mail.relay?.detail ?? '', /ECONNREFUSED|connect/i);
});

test('the outbox survives a restart; pending relays are sent at start', async () => {
  const stateDir = tempDir('stratus-ses-restart-');
  cleanups.push(() => removeDir(stateDir));
  const first = await startSesApp({ stateDir });
  const { MessageId } = await first.ses.send(new SendEmailCommand({ Source: 'a@example.com', Destination: { ToAddresses: ['kept@example.com'] }, Message: MESSAGE }));
  await first.close(false);

  // A message a crashed run accepted but never relayed.
  const engine = await openEngine(defaultEngineUrl(stateDir));
  await engine.mail.add({ messageId: 'left-pending', origin: 'ses-v1', operation: 'SendEmail', from: 'a@example.com', to: ['late@example.com'], cc: [], bcc: [], replyTo: [], subject: 'Late', text: 'late', sentAt: Date.now(), relay: 'pending' });
  await engine.close();

  const smtp = await startSmtpServer();
  cleanups.push(() => smtp.close());
  const second = await app({ stateDir, smtpRelay: smtp.url });
  assert.equal((await second.outbox({ to: 'kept@example.com' }))[0]?.messageId, MessageId);
  await eventually(async () => assert.equal((await second.outbox({ to: 'late@example.com' }))[0]?.relay?.status, 'sent'));
  assert.deepEqual(smtp.received.map((m) => m.parsed.subject), ['Late'], 'only the pending one is relayed');
});

test('SNS email subscription: confirmation and notification land in the outbox', async () => {
  const s = await app();
  const topicArn = 'arn:aws:sns:us-east-1:000000000000:alerts';
  await s.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'oncall@example.com' }));
  const confirmation = await waitForMail(s, 'oncall@example.com', 'SubscriptionConfirmation');
  assert.deepEqual([confirmation.origin, confirmation.from, confirmation.subject], ['sns', 'AWS Notifications <no-reply@sns.amazonaws.com>', 'AWS Notification - Subscription Confirmation']);
  const token = /Token=([0-9a-f]+)/.exec(confirmation.text ?? '')?.[1];
  assert.ok(token, confirmation.text);
  await s.sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: token }));
  await s.sns.send(new PublishCommand({ TopicArn: topicArn, Subject: 'Disk full', Message: 'db-1 is at 95%' }));
  const note = await waitForMail(s, 'oncall@example.com', 'Notification');
  assert.deepEqual([note.subject, note.text, note.details.topicArn], ['Disk full', 'db-1 is at 95%', topicArn]);
});

async function waitForMail(s: SesApp, to: string, operation: string) {
  let found: Awaited<ReturnType<SesApp['outbox']>>[number] | undefined;
  await eventually(async () => {
    found = (await s.outbox({ to })).find((m) => m.operation === operation);
    assert.ok(found, `no ${operation} mail to ${to} yet`);
  });
  return found!;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

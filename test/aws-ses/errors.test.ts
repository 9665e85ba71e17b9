/**
 * SES errors as clients see them: codes, statuses and the query/REST bodies. Messages are SES's
 * own (from its InvalidParameterValue answers: "Missing final '@domain'", "Missing required header
 * 'From'.", "Recipient count exceeds 50.", "Empty header names are illegal."); required members
 * use AWS's validation wording. Nothing rejected reaches the outbox.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SendEmailCommand, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { SendEmailCommand as SendEmailV2Command, BadRequestException } from '@aws-sdk/client-sesv2';
import { queryRequest, SES_NS, startSesApp, type SesApp } from './helpers';

let s: SesApp;
before(async () => {
  s = await startSesApp();
});
after(async () => {
  await s?.close();
});

const MESSAGE = { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } };

type SdkError = Error & { name: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
const rejectsWith = (promise: Promise<unknown>, name: string, message: string | RegExp, status = 400) =>
  assert.rejects(promise, (err: SdkError) => {
    assert.equal(err.name, name);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    assert.equal(err.$metadata?.httpStatusCode, status);
    return true;
  });

test('v1 SendEmail without Source: ValidationError naming the member', async () => {
  await rejectsWith(
    s.ses.send(new SendEmailCommand({ Destination: { ToAddresses: ['a@example.com'] }, Message: MESSAGE } as never)),
    'ValidationError',
    "1 validation error detected: Value null at 'source' failed to satisfy constraint: Member must not be null",
  );
});

test('v1 SendEmail with no recipients, a bad address, or 51 recipients: InvalidParameterValue', async () => {
  await rejectsWith(s.ses.send(new SendEmailCommand({ Source: 'a@example.com', Destination: { ToAddresses: [] }, Message: MESSAGE })), 'InvalidParameterValue', "Missing required header 'To'.");
  await rejectsWith(s.ses.send(new SendEmailCommand({ Source: 'nobody', Destination: { ToAddresses: ['a@example.com'] }, Message: MESSAGE })), 'InvalidParameterValue', "Missing final '@domain'");
  await rejectsWith(s.ses.send(new SendEmailCommand({ Source: 'a@example.com', Destination: { ToAddresses: ['@example.com'] }, Message: MESSAGE })), 'InvalidParameterValue', 'Missing local name');
  const many = Array.from({ length: 51 }, (_, i) => `r${i}@example.com`);
  await rejectsWith(s.ses.send(new SendEmailCommand({ Source: 'a@example.com', Destination: { BccAddresses: many }, Message: MESSAGE })), 'InvalidParameterValue', 'Recipient count exceeds 50.');
});

test('v1 SendRawEmail: malformed messages are refused', async () => {
  const raw = (text: string) => ({ RawMessage: { Data: Buffer.from(text) } });
  await rejectsWith(s.ses.send(new SendRawEmailCommand(raw('\r\nonly a body, no headers'))), 'InvalidParameterValue', "Missing required header 'From'.");
  await rejectsWith(s.ses.send(new SendRawEmailCommand(raw('just some text, not a MIME message'))), 'InvalidParameterValue', /./);
  await rejectsWith(s.ses.send(new SendRawEmailCommand(raw('From: a@example.com\r\nSubject: x\r\n\r\nbody'))), 'InvalidParameterValue', "Missing required header 'To'.");
  await rejectsWith(s.ses.send(new SendRawEmailCommand(raw('From: a@example.com\r\n: no name\r\nTo: b@example.com\r\n\r\nbody'))), 'InvalidParameterValue', 'Empty header names are illegal.');
  await rejectsWith(s.ses.send(new SendRawEmailCommand({} as never)), 'ValidationError', /Value null at 'rawMessage'/);
});

test('the query error body is SES XML with Sender type and a request id', async () => {
  const { status, body } = await queryRequest(s.endpoint, { Action: 'SendEmail', 'Destination.ToAddresses.member.1': 'a@example.com', 'Message.Subject.Data': 's', 'Message.Body.Text.Data': 'b', Source: 'bad' });
  assert.equal(status, 400);
  assert.match(body, new RegExp(`<ErrorResponse xmlns="${SES_NS}"><Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>Missing final &apos;@domain&apos;</Message></Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>`));
  const bad64 = await queryRequest(s.endpoint, { Action: 'SendRawEmail', 'RawMessage.Data': '***' });
  assert.equal(bad64.status, 400);
  assert.match(bad64.body, /<Code>InvalidParameterValue<\/Code>/);
});

test('v2 SendEmail errors: BadRequestException', async () => {
  await rejectsWith(s.sesv2.send(new SendEmailV2Command({ Destination: { ToAddresses: ['a@example.com'] } } as never)), 'BadRequestException', /Value null at 'content'/);
  await rejectsWith(
    s.sesv2.send(new SendEmailV2Command({ FromEmailAddress: 'a@example.com', Destination: { ToAddresses: [''] }, Content: { Simple: MESSAGE } })),
    'BadRequestException',
    'Invalid email address .',
  );
  await rejectsWith(s.sesv2.send(new SendEmailV2Command({ FromEmailAddress: 'a@example.com', Content: { Simple: MESSAGE } })), 'BadRequestException', "Missing required header 'To'.");
  await rejectsWith(s.sesv2.send(new SendEmailV2Command({ Destination: { ToAddresses: ['a@example.com'] }, Content: { Simple: MESSAGE } })), 'BadRequestException', "Missing required header 'From'.");
  await assert.rejects(
    s.sesv2.send(new SendEmailV2Command({ Content: { Raw: { Data: Buffer.from('no headers at all') } } })),
    (err: Error) => err instanceof BadRequestException,
  );
  const res = await fetch(`${s.endpoint}/v2/email/outbound-emails`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
  assert.equal(res.status, 400);
  assert.equal(res.headers.get('x-amzn-errortype'), 'BadRequestException');
});

test('nothing rejected reached the outbox', async () => {
  assert.deepEqual(await s.outbox(), []);
});

/**
 * Starts the SES fixture app through `startApp` (library use) on ephemeral ports with a fresh
 * state folder, gives SDK clients (SES v1 and v2, SNS, Lambda on the same edge), the outbox as the
 * control API shows it, and a real SMTP server on 127.0.0.1 for relay tests.
 */
import { join } from 'node:path';
import { SESClient } from '@aws-sdk/client-ses';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { startApp, type RunningApp } from '../../src/app/app';
import { DEFAULTS, defaultEngineUrl } from '../../src/app/config';
import { REPO, removeDir, tempDir } from '../support/stratus-process';

export const FIXTURE = join(REPO, 'test/aws-ses/fixture/template.yaml');
export const REGION = DEFAULTS.region;
export const CREDENTIALS = { accessKeyId: 'AKIDSESTEST', secretAccessKey: 'ses-test-secret' };
export const SES_NS = 'http://ses.amazonaws.com/doc/2010-12-01/';
/** SES's MessageId shape: `0100` + 12 hex digits of ms, a UUID, `-000000`. */
export const SES_MESSAGE_ID = /^0100[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-000000$/;

export interface SesApp {
  app: RunningApp;
  stateDir: string;
  endpoint: string;
  ses: SESClient;
  sesv2: SESv2Client;
  sns: SNSClient;
  lambda: LambdaClient;
  env: NodeJS.ProcessEnv;
  /** The outbox through `GET /_stratus/api/mail`. */
  outbox(query?: Record<string, string>): Promise<OutboxMail[]>;
  /** Stops the app; keeps the state folder unless `removeState`. */
  close(removeState?: boolean): Promise<void>;
}

export interface OutboxMail {
  messageId: string;
  origin: string;
  operation: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject?: string;
  text?: string;
  html?: string;
  details: Record<string, any>;
  relay?: { status: string; detail?: string };
  hasRaw: boolean;
  raw?: string;
}

export async function startSesApp(options: { stateDir?: string; smtpRelay?: string } = {}): Promise<SesApp> {
  const stateDir = options.stateDir ?? tempDir('stratus-aws-ses-');
  const app = await startApp({
    templatePath: FIXTURE,
    host: DEFAULTS.host,
    port: 0,
    edgePort: 0,
    stateDir,
    engineUrl: defaultEngineUrl(stateDir),
    region: REGION,
    accountId: DEFAULTS.accountId,
    parameterOverrides: {},
    envVars: {},
    hotReload: false,
    smtpRelay: options.smtpRelay,
  });
  const endpoint = app.edgeUrl;
  const config = { endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };
  const clients = { ses: new SESClient(config), sesv2: new SESv2Client(config), sns: new SNSClient(config), lambda: new LambdaClient(config) };
  return {
    app,
    stateDir,
    endpoint,
    ...clients,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_DEFAULT_REGION: REGION,
      AWS_REGION: REGION,
      AWS_ENDPOINT_URL: endpoint,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
    outbox: (query = {}) => readOutbox(endpoint, query),
    async close(removeState = true) {
      for (const client of Object.values(clients)) client.destroy();
      await app.close();
      if (removeState) removeDir(stateDir);
    },
  };
}

export async function readOutbox(edgeUrl: string, query: Record<string, string> = {}): Promise<OutboxMail[]> {
  const res = await fetch(`${edgeUrl}/_stratus/api/mail?${new URLSearchParams(query)}`);
  if (!res.ok) throw new Error(`outbox: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { messages: OutboxMail[] }).messages;
}

/** A raw query request (form POST), as older clients send it; unsigned (non-strict mode). */
export async function queryRequest(endpoint: string, params: Record<string, string>) {
  const res = await fetch(endpoint + '/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Version: '2010-12-01', ...params }).toString(),
  });
  return { status: res.status, body: await res.text() };
}

export interface ReceivedSmtp {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

/** A real SMTP server on 127.0.0.1 (no auth, no TLS) that records every message it accepts. */
export async function startSmtpServer(): Promise<{ url: string; received: ReceivedSmtp[]; close(): Promise<void> }> {
  const received: ReceivedSmtp[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          parsed: await simpleParser(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

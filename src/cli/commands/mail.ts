/**
 * `stratus mail [--to ADDR] [--since 10m] [--json]`: the outbox of a running Stratus — every
 * message SES accepted and every SNS e-mail, oldest first — with the relay's outcome when one is
 * configured. `--json` prints the messages as the control API gives them (bodies included).
 */
import type { Command } from 'commander';
import { callControl, locateServer, type ServerFlags } from '../running-server';
import { parsePositiveInt } from '../options';

interface MailFlags extends ServerFlags {
  to?: string;
  since?: string;
  json?: boolean;
  limit?: number;
}

interface MailView {
  messageId: string;
  origin: string;
  operation: string;
  sentAt: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject?: string;
  text?: string;
  html?: string;
  details: { attachments?: { filename?: string }[] };
  relay?: { status: string; detail?: string };
}

/** How much of a text body the plain listing shows per message. */
const PREVIEW_CHARS = 200;

export function addMailCommand(program: Command): void {
  program
    .command('mail')
    .description('List the mail a running Stratus accepted (SES SendEmail/SendRawEmail, SNS e-mail), oldest first')
    .option('--to <address>', 'only mail to this address (To, Cc or Bcc)')
    .option('-s, --since <when>', 'only mail sent since this long ago (30s, 10m, 1h, 2d) or an ISO time')
    .option('-n, --limit <n>', 'at most this many (the newest; default 1000)', parsePositiveInt)
    .option('--json', 'print the messages as JSON, bodies included')
    .option('--edge-url <url>', 'edge URL of the running Stratus')
    .option('--state-dir <dir>', 'state folder of the running Stratus')
    .option('-t, --template <file>', 'template whose running Stratus to ask')
    .action(async (flags: MailFlags) => {
      const query = new URLSearchParams();
      if (flags.to) query.set('to', flags.to);
      if (flags.since) query.set('since', flags.since);
      if (flags.limit) query.set('limit', String(flags.limit));
      const { messages } = (await callControl(locateServer(flags), 'GET', `mail?${query}`)) as { messages: MailView[] };
      if (flags.json) return void process.stdout.write(JSON.stringify(messages, null, 2) + '\n');
      if (messages.length === 0) return void process.stdout.write('no mail\n');
      process.stdout.write(messages.map(describe).join('\n\n') + '\n');
    });
}

function describe(m: MailView): string {
  const lines = [`${m.sentAt}  ${m.messageId}  (${m.origin} ${m.operation})`, `  From:    ${m.from}`];
  if (m.to.length > 0) lines.push(`  To:      ${m.to.join(', ')}`);
  if (m.cc.length > 0) lines.push(`  Cc:      ${m.cc.join(', ')}`);
  if (m.bcc.length > 0) lines.push(`  Bcc:     ${m.bcc.join(', ')}`);
  lines.push(`  Subject: ${m.subject ?? '(none)'}`);
  const attachments = m.details.attachments ?? [];
  if (attachments.length > 0) lines.push(`  Attachments: ${attachments.map((a) => a.filename ?? '(unnamed)').join(', ')}`);
  if (m.relay) lines.push(`  Relay:   ${m.relay.status}${m.relay.detail ? ` (${m.relay.detail})` : ''}`);
  const body = m.text ?? (m.html ? m.html.replace(/<[^>]*>/g, ' ') : '');
  const preview = body.replace(/\s+/g, ' ').trim();
  if (preview) lines.push(`  ${preview.length > PREVIEW_CHARS ? `${preview.slice(0, PREVIEW_CHARS)}…` : preview}`);
  return lines.join('\n');
}

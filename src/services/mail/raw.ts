/**
 * Reading a raw MIME message (SendRawEmail, v2 Content.Raw). Parsed with `mailparser` (nodemailer's
 * sibling, well kept): RFC 2047 encoded words, charsets, transfer encodings and nested multiparts
 * are its job, not ours. The outbox keeps the bytes as sent AND what was read from them (subject,
 * text, html, attachments), so `stratus mail` can show a message and tests can assert on it.
 */
import { simpleParser, type AddressObject } from 'mailparser';
import { invalidValue, type SesApi } from './errors';

export interface ParsedRaw {
  from: string[];
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject?: string;
  text?: string;
  html?: string;
  attachments: { filename?: string; contentType: string; size: number }[];
}

const PARSE_OPTIONS = { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true } as const;

export async function parseRawMessage(api: SesApi, data: Uint8Array): Promise<ParsedRaw> {
  const parsed = await simpleParser(Buffer.from(data.buffer, data.byteOffset, data.byteLength), PARSE_OPTIONS);
  // SES refuses a header line with no name (": value"), in these words.
  // (A message that starts with its blank separator line simply has no headers.)
  if (parsed.headerLines.some((line) => line.key.trim() === '' && line.line.trim() !== '')) throw invalidValue(api, 'Empty header names are illegal.');
  return {
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    bcc: addresses(parsed.bcc),
    replyTo: addresses(parsed.replyTo),
    subject: parsed.subject,
    text: parsed.text,
    html: typeof parsed.html === 'string' ? parsed.html : undefined,
    attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
  };
}

/** Each address as `Name <address>` (or bare), flattening groups. */
function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const out: string[] = [];
  const visit = (list: AddressObject['value']) => {
    for (const a of list) {
      if (a.group) visit(a.group);
      else if (a.address) out.push(a.name ? `${JSON.stringify(a.name)} <${a.address}>` : a.address);
    }
  };
  for (const o of objects) visit(o.value);
  return out;
}

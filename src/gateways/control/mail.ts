/**
 * `GET /_stratus/api/mail?to=ADDR&since=10m&limit=N&raw=1`: the outbox, oldest first — what
 * `stratus mail` and (later) the console show. `since` is read on the server's clock, so an
 * adjusted test clock and the outbox agree.
 */
import type { StoredMail } from '../../engine/types';
import type { MailService } from '../../services/mail';
import { parseSince } from '../../services/logs';
import type { Clock } from '../../shared/clock';
import { ControlError } from './http';
import type { ControlRoute } from './api';

/** The most messages one listing returns (the newest ones). */
export const MAX_LISTED_MAIL = 1_000;

export interface MailPorts {
  mail: MailService;
  clock: Clock;
}

export function mailRoutes(p: MailPorts): ControlRoute[] {
  return [
    {
      method: 'GET',
      pattern: /^mail\/?$/,
      async run(_params, _body, query) {
        const limit = query.has('limit') ? Number(query.get('limit')) : MAX_LISTED_MAIL;
        if (!Number.isInteger(limit) || limit < 1) throw new ControlError(400, 'limit must be a whole number of at least 1');
        const since = query.get('since');
        const messages = await p.mail.list({
          recipient: query.get('to') || undefined,
          since: since ? parseSince(since, p.clock.now()) : undefined,
          limit: Math.min(limit, MAX_LISTED_MAIL),
        });
        return { relaying: p.mail.relaying, messages: messages.map((m) => mailView(m, query.get('raw') === '1')) };
      },
    },
  ];
}

/** One message as JSON: times as ISO strings, the raw MIME only when asked for (it can be large). */
export function mailView(m: StoredMail, withRaw: boolean) {
  return {
    messageId: m.messageId,
    origin: m.origin,
    operation: m.operation,
    sentAt: new Date(m.sentAt).toISOString(),
    from: m.from,
    to: m.to,
    cc: m.cc,
    bcc: m.bcc,
    replyTo: m.replyTo,
    subject: m.subject,
    text: m.text,
    html: m.html,
    details: m.details,
    ...(m.relay && { relay: { ...m.relay, at: new Date(m.relay.at).toISOString() } }),
    hasRaw: m.raw !== undefined,
    ...(withRaw && m.raw && { raw: m.raw.toString('utf8') }),
  };
}

/**
 * Accepting a message: the one path every API takes (SES v1, v2, SNS e-mail). The message is
 * stored durably before its id is answered; a relay, when configured, is told afterwards.
 */
import type { MailStore, NewMail, StoredMail } from '../../engine/types';
import type { MailRelay } from './relay';

export interface Outbox {
  accept(mail: Omit<NewMail, 'relay'>): Promise<StoredMail>;
}

export function createOutbox(store: MailStore, relay: MailRelay | undefined): Outbox {
  return {
    async accept(mail) {
      const stored = await store.add(relay ? { ...mail, relay: 'pending' } : mail);
      relay?.enqueue(stored);
      return stored;
    },
  };
}

/** SES tags (`[{Name, Value}]`) as a map, the way the outbox shows them. */
export function tagMap(tags: { Name?: string; Value?: string }[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags ?? []) if (typeof tag?.Name === 'string') map[tag.Name] = tag.Value ?? '';
  return map;
}

/** Drops undefined members so stored details stay small and compare cleanly. */
export function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && !(typeof v === 'object' && v !== null && Object.keys(v).length === 0)));
}

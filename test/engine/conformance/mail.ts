/**
 * The MailStore conformance suite: every engine backend runs it unchanged. `open()` must return a
 * new Engine on the SAME database each call; tests isolate themselves with unique addresses, ids
 * and times of their own.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Engine, NewMail } from '../../../src/engine/types';
import { trackedEngines } from './tracked';

export function runMailStoreConformance(name: string, open: () => Promise<Engine>): void {
  describe(`MailStore conformance: ${name}`, () => {
    const openTracked = trackedEngines(open);
    // A time of its own per test, far from the others, so time-bounded queries see only its mail.
    const uniqueTime = () => Date.UTC(2090, 0, 1) + Math.floor(Math.random() * 1e12);
    const mail = (over: Partial<NewMail> = {}): NewMail => ({
      messageId: `0100${randomUUID()}-000000`,
      origin: 'ses-v1',
      operation: 'SendEmail',
      from: 'sender@example.com',
      to: [`to-${randomUUID()}@example.com`],
      cc: [],
      bcc: [],
      replyTo: [],
      sentAt: Date.UTC(2024, 0, 31, 9),
      ...over,
    });

    test('add stores every field and answers it; get finds it by message id', async () => {
      const { mail: store } = await openTracked();
      const input = mail({
        to: ['"Dev Team" <Dev@Example.com>'],
        cc: ['cc@example.com'],
        bcc: ['bcc@example.com'],
        replyTo: ['reply@example.com'],
        subject: 'Sync failed',
        text: 'stack trace…',
        html: '<p>stack</p>',
        raw: Buffer.from('From: a@b\r\n\r\n\u00e9 body'),
        details: { tags: { env: 'dv' }, configurationSet: 'cs' },
      });
      const stored = await store.add(input);
      assert.ok(Number.isInteger(stored.id));
      const { relay: _none, ...expected } = input;
      assert.deepEqual({ ...stored, id: 0 }, { ...expected, id: 0 });
      assert.deepEqual(await store.get(input.messageId), stored);
      assert.equal(await store.get(`missing-${randomUUID()}`), undefined);
    });

    test('a second add with the same message id keeps the first', async () => {
      const { mail: store } = await openTracked();
      const first = await store.add(mail({ subject: 'one' }));
      const again = await store.add(mail({ messageId: first.messageId, subject: 'two' }));
      assert.deepEqual(again, first);
    });

    test('list filters by recipient (To, Cc or Bcc; any case; display names ignored), time and cursor', async () => {
      const { mail: store } = await openTracked();
      const who = `ops-${randomUUID()}@example.com`;
      const t = uniqueTime();
      const a = await store.add(mail({ to: [`"Ops" <${who.toUpperCase()}>`], sentAt: t }));
      const b = await store.add(mail({ cc: [who], sentAt: t + 10 }));
      const c = await store.add(mail({ bcc: [who], sentAt: t + 20 }));
      await store.add(mail({ sentAt: t + 30 }));
      const ids = (list: { messageId: string }[]) => list.map((m) => m.messageId);
      assert.deepEqual(ids(await store.list({ recipient: who })), ids([a, b, c]));
      assert.deepEqual(ids(await store.list({ recipient: `Someone <${who}>` })), ids([a, b, c]));
      assert.deepEqual(ids(await store.list({ recipient: who, since: t + 10 })), ids([b, c]));
      assert.deepEqual(ids(await store.list({ recipient: who, afterId: a.id })), ids([b, c]));
      assert.deepEqual(ids(await store.list({ recipient: who, limit: 2 })), ids([b, c]), 'the newest two, oldest first');
      assert.equal((await store.list({ since: t })).length, 4);
      assert.deepEqual(await store.list({ recipient: `nobody-${randomUUID()}@example.com` }), []);
    });

    test('recipientsSince counts recipients, not messages', async () => {
      const { mail: store } = await openTracked();
      // Later than any other test's mail (recipientsSince has no upper bound), and later on each run.
      const t = Date.UTC(2200, 0, 1) + Date.now() * 10;
      await store.add(mail({ to: ['a@x.com', 'b@x.com'], cc: ['c@x.com'], sentAt: t }));
      await store.add(mail({ bcc: ['d@x.com'], sentAt: t + 1 }));
      assert.equal(await store.recipientsSince(t), 5);
      assert.equal(await store.recipientsSince(t + 1), 2);
      assert.equal(await store.recipientsSince(t + 2), 0);
    });

    test('relay: pending on add, then its outcome; pendingRelays lists only the pending', async () => {
      const { mail: store } = await openTracked();
      const relayed = await store.add(mail({ relay: 'pending' }));
      const plain = await store.add(mail());
      assert.deepEqual(relayed.relay, { status: 'pending', at: relayed.sentAt });
      assert.equal(plain.relay, undefined);
      assert.ok((await store.pendingRelays(10_000)).some((m) => m.messageId === relayed.messageId));
      const at = relayed.sentAt + 50;
      assert.equal(await store.recordRelay(relayed.messageId, { status: 'failed', at, detail: 'ECONNREFUSED' }), true);
      assert.deepEqual((await store.get(relayed.messageId))?.relay, { status: 'failed', at, detail: 'ECONNREFUSED' });
      assert.ok(!(await store.pendingRelays(10_000)).some((m) => m.messageId === relayed.messageId));
      assert.equal(await store.recordRelay(`missing-${randomUUID()}`, { status: 'sent', at }), false);
    });

    test('identities: first record kept, listed by type and name, deleted', async () => {
      const { mail: store } = await openTracked();
      const domain = `d-${randomUUID()}.example.com`;
      const address = `a@${domain}`;
      assert.deepEqual(await store.putIdentity(domain, 'Domain', 1), { identity: domain, type: 'Domain', createdAt: 1 });
      assert.deepEqual(await store.putIdentity(domain, 'Domain', 2), { identity: domain, type: 'Domain', createdAt: 1 });
      await store.putIdentity(address, 'EmailAddress', 3);
      assert.ok((await store.listIdentities('Domain')).some((i) => i.identity === domain));
      assert.ok(!(await store.listIdentities('Domain')).some((i) => i.identity === address));
      const all = (await store.listIdentities()).map((i) => i.identity);
      assert.deepEqual(all, [...all].sort());
      assert.equal(await store.deleteIdentity(domain), true);
      assert.equal(await store.deleteIdentity(domain), false);
    });

    test('durability: messages and relay outcomes survive close and reopen', async () => {
      const first = await open();
      const input = mail({ relay: 'pending', subject: 'kept' });
      await first.mail.add(input);
      await first.mail.recordRelay(input.messageId, { status: 'sent', at: 5, detail: '250 OK' });
      await first.close();
      const second = await openTracked();
      const stored = await second.mail.get(input.messageId);
      assert.equal(stored?.subject, 'kept');
      assert.deepEqual(stored?.relay, { status: 'sent', at: 5, detail: '250 OK' });
    });
  });
}

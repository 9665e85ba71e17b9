/**
 * The TopicStore conformance suite: every engine backend runs it unchanged. `open()` must return
 * a new Engine on the SAME database each call; tests isolate themselves with unique topic names.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Engine, NewSubscription } from '../../../src/engine/types';
import { trackedEngines } from './tracked';

const T0 = Date.UTC(2024, 0, 31, 9, 0, 0);
const WINDOW = 5 * 60_000;

export function runTopicStoreConformance(name: string, open: () => Promise<Engine>): void {
  describe(`TopicStore conformance: ${name}`, () => {
    const openTracked = trackedEngines(open);
    const uniqueName = (suffix = '') => `t_${randomUUID()}${suffix}`;
    const sub = (topic: string, endpoint: string, over: Partial<NewSubscription> = {}): NewSubscription => ({
      arn: `arn:aws:sns:us-east-1:000000000000:${topic}:${randomUUID()}`,
      topic,
      protocol: 'sqs',
      endpoint,
      attributes: {},
      confirmed: true,
      ...over,
    });

    test('createTopic keeps the first record; get, list, update, delete', async () => {
      const { topics } = await openTracked();
      const name = uniqueName();
      const first = await topics.createTopic({ name, fifo: false, attributes: { DisplayName: 'a' }, tags: { team: 'x' } }, T0);
      assert.equal(first.created, true);
      assert.deepEqual(first.topic, { name, fifo: false, attributes: { DisplayName: 'a' }, tags: { team: 'x' }, createdAt: T0, subscriptionsDeleted: 0 });
      const again = await topics.createTopic({ name, fifo: true, attributes: { DisplayName: 'b' } }, T0 + 1);
      assert.equal(again.created, false);
      assert.equal(again.topic.attributes.DisplayName, 'a');
      const updated = await topics.updateTopic(name, { attributes: { DisplayName: 'c' } });
      assert.deepEqual([updated?.attributes, updated?.tags], [{ DisplayName: 'c' }, { team: 'x' }]);
      assert.ok((await topics.listTopics()).some((t) => t.name === name));
      assert.equal(await topics.deleteTopic(name), true);
      assert.equal(await topics.deleteTopic(name), false);
      assert.equal(await topics.getTopic(name), undefined);
    });

    test('one subscription per protocol and endpoint; unknown topic gives undefined', async () => {
      const { topics } = await openTracked();
      const name = uniqueName();
      await topics.createTopic({ name, fifo: false, attributes: {} }, T0);
      const a = await topics.createSubscription(sub(name, 'arn:aws:sqs:us-east-1:000000000000:q1'), T0);
      const b = await topics.createSubscription(sub(name, 'arn:aws:sqs:us-east-1:000000000000:q1'), T0 + 1);
      assert.equal(a?.created, true);
      assert.equal(b?.created, false);
      assert.equal(b?.subscription.arn, a?.subscription.arn);
      assert.equal(await topics.createSubscription(sub(uniqueName(), 'x'), T0), undefined);
    });

    test('update confirms and clears the token; delete counts in subscriptionsDeleted; topic delete cascades', async () => {
      const { topics } = await openTracked();
      const name = uniqueName();
      await topics.createTopic({ name, fifo: false, attributes: {} }, T0);
      const pending = (await topics.createSubscription(sub(name, 'http://h/', { protocol: 'http', confirmed: false, token: 'tok' }), T0))!.subscription;
      assert.equal(pending.token, 'tok');
      const confirmed = await topics.updateSubscription(pending.arn, { confirmed: true, attributes: { RawMessageDelivery: 'true' } });
      assert.deepEqual([confirmed?.confirmed, confirmed?.token, confirmed?.attributes], [true, 'tok', { RawMessageDelivery: 'true' }]);
      assert.equal((await topics.updateSubscription(pending.arn, { token: null }))?.token, undefined);
      const other = (await topics.createSubscription(sub(name, 'arn:aws:sqs:us-east-1:000000000000:q2'), T0 + 5))!.subscription;
      assert.deepEqual((await topics.listSubscriptions(name)).map((s) => s.arn), [pending.arn, other.arn]);
      assert.equal(await topics.deleteSubscription(pending.arn), true);
      assert.equal(await topics.deleteSubscription(pending.arn), false);
      assert.equal((await topics.getTopic(name))?.subscriptionsDeleted, 1);
      await topics.deleteTopic(name);
      assert.equal(await topics.getSubscription(other.arn), undefined);
    });

    test('recordFifoPublish: increasing 20-digit sequence numbers, duplicates within the window', async () => {
      const { topics } = await openTracked();
      const name = uniqueName('.fifo');
      await topics.createTopic({ name, fifo: true, attributes: {} }, T0);
      const a = await topics.recordFifoPublish(name, { deduplicationKey: 'k1', messageId: 'm1', windowMs: WINDOW }, T0);
      const b = await topics.recordFifoPublish(name, { deduplicationKey: 'k2', messageId: 'm2', windowMs: WINDOW }, T0);
      const dup = await topics.recordFifoPublish(name, { deduplicationKey: 'k1', messageId: 'm3', windowMs: WINDOW }, T0 + WINDOW - 1);
      const later = await topics.recordFifoPublish(name, { deduplicationKey: 'k1', messageId: 'm4', windowMs: WINDOW }, T0 + WINDOW);
      assert.deepEqual(a, { messageId: 'm1', sequenceNumber: '00000000000000000001', duplicate: false });
      assert.equal(b?.sequenceNumber, '00000000000000000002');
      assert.deepEqual(dup, { messageId: 'm1', sequenceNumber: '00000000000000000001', duplicate: true });
      assert.deepEqual(later, { messageId: 'm4', sequenceNumber: '00000000000000000003', duplicate: false });
      assert.equal(await topics.recordFifoPublish(uniqueName('.fifo'), { deduplicationKey: 'k', messageId: 'm', windowMs: WINDOW }, T0), undefined);
    });

    test('durability: topics and subscriptions survive close and reopen', async () => {
      const first = await open();
      const name = uniqueName();
      await first.topics.createTopic({ name, fifo: false, attributes: { DisplayName: 'kept' } }, T0);
      const s = (await first.topics.createSubscription(sub(name, 'arn:aws:sqs:us-east-1:000000000000:q'), T0))!.subscription;
      await first.close();
      const second = await openTracked();
      assert.equal((await second.topics.getTopic(name))?.attributes.DisplayName, 'kept');
      assert.deepEqual(await second.topics.getSubscription(s.arn), s);
    });
  });
}

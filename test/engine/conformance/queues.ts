/**
 * The QueueStore conformance suite: every engine backend runs it unchanged. `open()` returns a
 * new Engine on the SAME database each call; tests isolate themselves with unique queue names
 * and pass explicit `now` values (the engine never reads a clock). `options.url` lets child
 * processes open the same database; without it the cross-process test is skipped (reason given).
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine, OutgoingMessage, QueueSettings, QueueStore } from '../../../src/engine/types';
import { spawnTs, type Child } from '../fixtures/child';

const RECEIVE_CHILD = fileURLToPath(new URL('../fixtures/receive-child.ts', import.meta.url));
const T0 = Date.UTC(2024, 0, 31, 9, 0, 0);
const DAY = 86_400_000;
const msg = (body: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({ body, delayMs: 0, ...extra });

export interface QueueConformanceOptions {
  url?: string;
}

export function runQueueStoreConformance(name: string, open: () => Promise<Engine>, options: QueueConformanceOptions = {}): void {
  describe(`QueueStore conformance: ${name}`, () => {
    const engines: Engine[] = [];
    const children: Child[] = [];
    after(async () => {
      for (const child of children) child.kill();
      for (const engine of engines) await engine.close();
    });
    const store = async (): Promise<QueueStore> => {
      const engine = await open();
      engines.push(engine);
      return engine.queues;
    };
    const newQueue = async (q: QueueStore, settings: Partial<QueueSettings> = {}, label = 'q') => {
      const fifo = settings.fifo ?? false;
      const queueName = `${label}_${randomUUID().slice(0, 8)}${fifo ? '.fifo' : ''}`;
      await q.createQueue({ name: queueName, settings: { fifo, retentionMs: 4 * DAY, ...settings }, attributes: { A: '1' } }, T0);
      return queueName;
    };
    const receive = (q: QueueStore, queue: string, now: number, max = 10, visibilityTimeoutMs = 30_000) =>
      q.receive(queue, { max, visibilityTimeoutMs, now });

    test('peek reads messages in arrival order with their state and changes nothing', async () => {
      const q = await store();
      const name = await newQueue(q);
      await q.send(name, [msg('a'), msg('b'), msg('c', { delayMs: 60_000 })], T0);
      const leased = await receive(q, name, T0 + 1, 1);
      assert.equal(leased.messages[0].body, 'a');
      const peeked = await q.peek(name, 10, T0 + 2);
      assert.deepEqual(peeked.map((m) => [m.body, m.state, m.receiveCount]), [['a', 'in-flight', 1], ['b', 'visible', 0], ['c', 'delayed', 0]]);
      const again = await receive(q, name, T0 + 3, 10);
      assert.deepEqual(again.messages.map((m) => [m.body, m.receiveCount]), [['b', 1]], 'peek counted no receive');
      assert.equal((await q.peek(name, 1, T0 + 4)).length, 1);
    });

    test('queue metadata: create is idempotent, get, list by prefix, update, delete', async () => {
      const q = await store();
      const label = `meta${randomUUID().slice(0, 6)}`;
      const name = await newQueue(q, {}, label);
      const again = await q.createQueue({ name, settings: { fifo: false, retentionMs: 1 }, attributes: { A: '2' } }, T0 + 5);
      assert.equal(again.created, false);
      assert.deepEqual(again.queue.attributes, { A: '1' });
      assert.equal(again.queue.createdAt, T0);
      const other = await newQueue(q, {}, label);
      assert.deepEqual((await q.listQueues(label)).map((r) => r.name), [name, other].sort());
      const updated = await q.updateQueue(name, { attributes: { A: '3' }, tags: { team: 'x' } }, T0 + 10);
      assert.deepEqual(updated?.attributes, { A: '3' });
      assert.deepEqual(updated?.tags, { team: 'x' });
      assert.equal(updated?.lastModifiedAt, T0 + 10);
      assert.equal(await q.deleteQueue(name), true);
      assert.equal(await q.deleteQueue(name), false);
      assert.equal(await q.getQueue(name), undefined);
    });

    test('send, receive, delete; the lease hides a message until its visibility timeout lapses', async () => {
      const q = await store();
      const queue = await newQueue(q);
      const [a, b] = await q.send(queue, [msg('a', { attributes: '{"x":1}' }), msg('b')], T0);
      assert.notEqual(a.messageId, b.messageId);
      const first = await receive(q, queue, T0 + 1, 1);
      assert.deepEqual(first.messages.map((m) => [m.body, m.attributes, m.receiveCount, m.sentAt, m.firstReceivedAt]), [['a', '{"x":1}', 1, T0, T0 + 1]]);
      assert.equal((await receive(q, queue, T0 + 2)).messages[0].body, 'b');
      assert.equal((await receive(q, queue, T0 + 3)).messages.length, 0);
      const again = await receive(q, queue, T0 + 1 + 30_000, 1);
      assert.equal(again.messages[0].body, 'a');
      assert.equal(again.messages[0].receiveCount, 2);
      assert.equal(again.messages[0].firstReceivedAt, T0 + 1);
      assert.notEqual(again.messages[0].receiptHandle, first.messages[0].receiptHandle);
      // The outdated handle succeeds without deleting; the latest one deletes.
      assert.deepEqual(await q.delete(queue, [first.messages[0].receiptHandle], T0 + 30_002), ['stale']);
      assert.deepEqual(await q.delete(queue, [again.messages[0].receiptHandle, 'not-a-handle'], T0 + 30_002), ['ok', 'invalid']);
      assert.deepEqual(await q.delete(queue, [again.messages[0].receiptHandle], T0 + 30_003), ['stale']);
      assert.equal((await receive(q, queue, T0 + DAY)).messages.map((m) => m.body).join(), 'b');
    });

    test('delays, counts and nextVisibleAt', async () => {
      const q = await store();
      const queue = await newQueue(q);
      await q.send(queue, [msg('now'), msg('later', { delayMs: 5_000 }), msg('also now')], T0);
      assert.deepEqual(await q.counts(queue, T0), { visible: 2, inFlight: 0, delayed: 1 });
      await receive(q, queue, T0, 1);
      assert.deepEqual(await q.counts(queue, T0), { visible: 1, inFlight: 1, delayed: 1 });
      await receive(q, queue, T0, 10);
      const empty = await receive(q, queue, T0 + 1);
      assert.deepEqual(empty, { messages: [], nextVisibleAt: T0 + 5_000 });
      assert.deepEqual((await receive(q, queue, T0 + 5_000)).messages.map((m) => m.body), ['later']);
    });

    test('changeVisibility: extend, release at once, not in flight, stale', async () => {
      const q = await store();
      const queue = await newQueue(q);
      await q.send(queue, [msg('m')], T0);
      const [m] = (await receive(q, queue, T0)).messages;
      assert.deepEqual(await q.changeVisibility(queue, [{ receiptHandle: m.receiptHandle, visibilityTimeoutMs: 60_000 }], T0 + 1), ['ok']);
      assert.equal((await receive(q, queue, T0 + 40_000)).messages.length, 0);
      assert.deepEqual(await q.changeVisibility(queue, [{ receiptHandle: m.receiptHandle, visibilityTimeoutMs: 0 }], T0 + 40_000), ['ok']);
      const [m2] = (await receive(q, queue, T0 + 40_000)).messages;
      assert.equal(m2.receiveCount, 2);
      assert.deepEqual(await q.changeVisibility(queue, [{ receiptHandle: m.receiptHandle, visibilityTimeoutMs: 10 }], T0 + 40_001), ['stale']);
      assert.deepEqual(await q.changeVisibility(queue, [{ receiptHandle: m2.receiptHandle, visibilityTimeoutMs: 10 }], T0 + 80_000), ['lapsed']);
    });

    test('FIFO: group order, one in-flight group at a time, sequence numbers, dedupe window', async () => {
      const q = await store();
      const queue = await newQueue(q, { fifo: true });
      const sent = await q.send(
        queue,
        [
          msg('g1-1', { groupId: 'g1', deduplicationKey: 'd1', deduplicationId: 'd1' }),
          msg('g2-1', { groupId: 'g2', deduplicationKey: 'd2' }),
          msg('g1-2', { groupId: 'g1', deduplicationKey: 'd3' }),
          msg('dup', { groupId: 'g1', deduplicationKey: 'd1' }),
        ],
        T0,
      );
      assert.deepEqual(sent.map((s) => s.duplicate), [false, false, false, true]);
      assert.equal(sent[3].messageId, sent[0].messageId);
      assert.equal(sent[3].sequenceNumber, sent[0].sequenceNumber);
      assert.match(sent[0].sequenceNumber!, /^\d{20}$/);
      assert.ok(sent[0].sequenceNumber! < sent[1].sequenceNumber! && sent[1].sequenceNumber! < sent[2].sequenceNumber!);
      const one = await receive(q, queue, T0 + 1, 1);
      assert.deepEqual(one.messages.map((m) => [m.body, m.groupId, m.deduplicationId]), [['g1-1', 'g1', 'd1']]);
      // g1 has a message in flight: only g2 can be served, even though g1-2 is older.
      assert.deepEqual((await receive(q, queue, T0 + 2)).messages.map((m) => m.body), ['g2-1']);
      assert.equal((await receive(q, queue, T0 + 3)).messages.length, 0);
      await q.delete(queue, [one.messages[0].receiptHandle], T0 + 4);
      assert.deepEqual((await receive(q, queue, T0 + 5)).messages.map((m) => m.body), ['g1-2']);
      // Within 5 minutes a dedup key is a duplicate even after delete; after the window it is new.
      assert.equal((await q.send(queue, [msg('x', { groupId: 'g3', deduplicationKey: 'd1' })], T0 + 299_999))[0].duplicate, true);
      assert.equal((await q.send(queue, [msg('x', { groupId: 'g3', deduplicationKey: 'd1' })], T0 + 300_000))[0].duplicate, false);
    });

    test('FIFO: a lapsed lease returns the group head first and its old handle cannot delete', async () => {
      const q = await store();
      const queue = await newQueue(q, { fifo: true });
      await q.send(queue, ['1', '2', '3'].map((b) => msg(b, { groupId: 'g', deduplicationKey: b })), T0);
      const first = await receive(q, queue, T0, 2);
      assert.deepEqual(first.messages.map((m) => m.body), ['1', '2']);
      const later = await receive(q, queue, T0 + 30_000, 10);
      assert.deepEqual(later.messages.map((m) => m.body), ['1', '2', '3']);
      assert.deepEqual(await q.delete(queue, [later.messages[0].receiptHandle], T0 + 60_000), ['lapsed']);
    });

    test('dead-letter move on the receive after maxReceiveCount receives, body and attributes intact', async () => {
      const q = await store();
      const dlq = await newQueue(q, {}, 'dlq');
      const queue = await newQueue(q, { redrive: { deadLetterQueue: dlq, maxReceiveCount: 3 } });
      const [sent] = await q.send(queue, [msg('poison', { attributes: '{"k":"v"}' })], T0);
      let now = T0;
      for (let i = 1; i <= 3; i++) {
        const { messages } = await receive(q, queue, now, 10, 1_000);
        assert.equal(messages[0]?.receiveCount, i, `receive ${i} returns the message`);
        now += 1_000;
      }
      assert.deepEqual((await receive(q, queue, now)).messages, []);
      assert.deepEqual(await q.counts(queue, now), { visible: 0, inFlight: 0, delayed: 0 });
      const [dead] = (await receive(q, dlq, now)).messages;
      assert.equal(dead.messageId, sent.messageId);
      assert.equal(dead.body, 'poison');
      assert.equal(dead.attributes, '{"k":"v"}');
      assert.equal(dead.sentAt, T0);
      assert.equal(dead.deadLetterSource, queue);
    });

    test('retention: expired messages are never returned, and sweep drops them', async () => {
      const q = await store();
      const queue = await newQueue(q, { retentionMs: 60_000 });
      await q.send(queue, [msg('old')], T0);
      await q.send(queue, [msg('new')], T0 + 30_000);
      assert.deepEqual(await q.counts(queue, T0 + 60_000), { visible: 1, inFlight: 0, delayed: 0 });
      assert.deepEqual((await receive(q, queue, T0 + 60_000)).messages.map((m) => m.body), ['new']);
      assert.ok((await q.sweep(T0 + 90_000)) >= 1);
      assert.deepEqual(await q.counts(queue, T0), { visible: 0, inFlight: 0, delayed: 0 });
    });

    test('purge deletes every message and records when', async () => {
      const q = await store();
      const queue = await newQueue(q);
      await q.send(queue, [msg('a'), msg('b', { delayMs: 1_000 })], T0);
      await receive(q, queue, T0, 1);
      assert.equal(await q.purge(queue, T0 + 10), 2);
      assert.deepEqual(await q.counts(queue, T0 + 10), { visible: 0, inFlight: 0, delayed: 0 });
      assert.equal((await q.getQueue(queue))?.lastPurgedAt, T0 + 10);
    });

    test('move task: redrive back to the source queue, counters, one running task per source', async () => {
      const q = await store();
      const dlq = await newQueue(q, {}, 'dlq');
      const queue = await newQueue(q, { redrive: { deadLetterQueue: dlq, maxReceiveCount: 1 } });
      await q.send(queue, ['a', 'b', 'c'].map((b) => msg(b)), T0);
      await receive(q, queue, T0, 10, 1_000);
      await receive(q, queue, T0 + 1_000);
      assert.equal((await q.counts(dlq, T0 + 1_000)).visible, 3);
      const task = await q.startMoveTask({ source: dlq }, T0 + 2_000);
      assert.ok(task);
      assert.deepEqual([task.status, task.toMove, task.moved], ['RUNNING', 3, 0]);
      assert.equal(await q.startMoveTask({ source: dlq }, T0 + 2_000), undefined);
      const step1 = await q.stepMoveTask(task.taskId, 2, T0 + 2_000);
      assert.deepEqual([step1?.status, step1?.moved], ['RUNNING', 2]);
      const step2 = await q.stepMoveTask(task.taskId, 2, T0 + 3_000);
      assert.deepEqual([step2?.status, step2?.moved], ['COMPLETED', 3]);
      const back = await receive(q, queue, T0 + 3_000);
      assert.deepEqual(back.messages.map((m) => [m.body, m.receiveCount]).sort(), [['a', 1], ['b', 1], ['c', 1]]);
      assert.deepEqual((await q.listMoveTasks(dlq, 10)).map((t) => t.status), ['COMPLETED']);
    });

    test('move task to a named destination can be cancelled', async () => {
      const q = await store();
      const dlq = await newQueue(q, {}, 'dlq');
      const dest = await newQueue(q, {}, 'dest');
      await q.send(dlq, [msg('1'), msg('2')], T0);
      const task = (await q.startMoveTask({ source: dlq, destination: dest, maxPerSecond: 1 }, T0))!;
      assert.equal(task.maxPerSecond, 1);
      await q.stepMoveTask(task.taskId, 1, T0);
      const cancelled = await q.cancelMoveTask(task.taskId, T0 + 1);
      assert.deepEqual([cancelled?.status, cancelled?.moved], ['CANCELLED', 1]);
      assert.equal((await q.stepMoveTask(task.taskId, 1, T0 + 2))?.moved, 1);
      assert.equal((await q.counts(dest, T0 + 2)).visible, 1);
    });

    test('a send wakes ONE waiting listener; a receive that leaves messages behind wakes the next', async () => {
      // Every listener is a receiver about to query: waking all of them for one batch would cost
      // an empty receive each. The wake is passed on instead, so nothing waits while messages do.
      const q = await store();
      const queue = await newQueue(q);
      const fired = [0, 0];
      const offs = [0, 1].map((i) => q.onAvailable(queue, () => fired[i]++));
      await q.send(queue, [msg('one'), msg('two')], T0);
      assert.equal(fired[0] + fired[1], 1, 'one listener woken by the send');
      const { messages } = await q.receive(queue, { max: 1, visibilityTimeoutMs: 30_000, now: T0 });
      assert.equal(messages.length, 1);
      // Passed on once the receiver's own continuation ran (it may be about to unsubscribe).
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(fired, [1, 1], 'the other listener woken for the message left behind');
      for (const off of offs) off();
    });

    test('onAvailable fires after a send, not after a delayed send', async () => {
      const q = await store();
      const queue = await newQueue(q);
      let fired = 0;
      const off = q.onAvailable(queue, () => fired++);
      await q.send(queue, [msg('later', { delayMs: 10_000 })], T0);
      assert.equal(fired, 0);
      await q.send(queue, [msg('now')], T0);
      assert.equal(fired, 1);
      off();
      await q.send(queue, [msg('again')], T0);
      assert.equal(fired, 1);
    });

    test('two processes receiving from one queue never lease the same message twice', { timeout: 30_000 }, async (t) => {
      if (!options.url) return t.skip('no engine URL a child process can open');
      const q = await store();
      const queue = await newQueue(q, {}, 'race');
      const total = 600;
      for (let i = 0; i < total; i += 100) {
        await q.send(queue, Array.from({ length: 100 }, (_, j) => msg(`m${i + j}`)), Date.now());
      }
      const dir = mkdtempSync(join(tmpdir(), 'stratus-race-'));
      try {
        const outs = [0, 1].map((i) => join(dir, `out${i}`));
        const consumers = outs.map((out) => spawnTs(RECEIVE_CHILD, [options.url!, queue, out]));
        children.push(...consumers);
        await Promise.all(consumers.map((c) => c.exited()));
        const ids = outs.flatMap((out) => readFileSync(out, 'utf8').split('\n').filter(Boolean));
        assert.equal(new Set(ids).size, ids.length, 'no message leased twice');
        assert.equal(ids.length, total);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

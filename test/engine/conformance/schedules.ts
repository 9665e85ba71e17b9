/**
 * The ScheduleStateStore conformance suite: every engine backend runs it unchanged. `open()` must
 * return a new Engine on the SAME database each call; tests isolate themselves with unique keys.
 * `options.url` lets child processes open the same database for the cross-process race; without
 * it that test is skipped (reason printed).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { Engine, PendingTick, ScheduleStateStore } from '../../../src/engine/types';
import { spawnTs, type Child } from '../fixtures/child';
import { trackedEngines } from './tracked';

const CLAIM_CHILD = fileURLToPath(new URL('../../services-schedules/fixtures/claim-child.ts', import.meta.url));
const T0 = Date.UTC(2024, 0, 31, 9, 0, 0);
const MINUTE = 60_000;
const LEASE = 30_000;

export interface ScheduleConformanceOptions {
  /** Engine URL a child process can open to reach the same database. */
  url?: string;
}

export function runScheduleStateConformance(name: string, open: () => Promise<Engine>, options: ScheduleConformanceOptions = {}): void {
  describe(`ScheduleStateStore conformance: ${name}`, () => {
    const children: Child[] = [];
    const openTracked = trackedEngines(open, () => {
      for (const child of children) child.kill();
    });
    const uniqueKey = () => `arn:aws:events:us-east-1:000000000000:rule/r_${randomUUID()}`;

    test('register keeps the first createdAt and starts with nothing fired', async () => {
      const { schedules } = await openTracked();
      const key = uniqueKey();
      assert.deepEqual(await schedules.register(key, T0), { key, createdAt: T0 });
      assert.deepEqual(await schedules.register(key, T0 + 5 * MINUTE), { key, createdAt: T0 });
      assert.equal(await schedules.lastFired(key), undefined);
      assert.equal(await schedules.get(uniqueKey()), undefined);
    });

    test('claimTick is a compare-and-set: only a newer tick advances', async () => {
      const { schedules } = await openTracked();
      const key = uniqueKey();
      await schedules.register(key, T0);
      assert.equal(await schedules.claimTick(key, T0 + MINUTE), true);
      assert.equal(await schedules.claimTick(key, T0 + MINUTE), false, 'the same tick twice');
      assert.equal(await schedules.claimTick(key, T0), false, 'an older tick');
      assert.equal(await schedules.lastFired(key), T0 + MINUTE);
      assert.equal(await schedules.claimTick(key, T0 + 2 * MINUTE), true);
      assert.equal(await schedules.lastFired(key), T0 + 2 * MINUTE);
    });

    test('claimTick on an unknown key inserts it, already claimed', async () => {
      const { schedules } = await openTracked();
      const key = uniqueKey();
      assert.equal(await schedules.claimTick(key, T0), true);
      assert.equal(await schedules.claimTick(key, T0), false);
      assert.deepEqual(await schedules.get(key), { key, createdAt: T0, lastFired: T0 });
    });

    test('markCompleted keeps the first completion time; list is ordered by key', async () => {
      const { schedules } = await openTracked();
      const prefix = `arn:aws:scheduler:us-east-1:000000000000:schedule/default/${randomUUID()}`;
      await schedules.register(`${prefix}-b`, T0);
      await schedules.register(`${prefix}-a`, T0);
      await schedules.claimTick(`${prefix}-a`, T0 + MINUTE);
      await schedules.markCompleted(`${prefix}-a`, T0 + 2 * MINUTE);
      await schedules.markCompleted(`${prefix}-a`, T0 + 3 * MINUTE);
      const mine = (await schedules.list()).filter((r) => r.key.startsWith(prefix));
      assert.deepEqual(mine, [
        { key: `${prefix}-a`, createdAt: T0, lastFired: T0 + MINUTE, completedAt: T0 + 2 * MINUTE },
        { key: `${prefix}-b`, createdAt: T0 },
      ]);
    });

    test('two engines on one database racing on the same ticks: each tick won exactly once', async () => {
      const [a, b] = await Promise.all([openTracked(), openTracked()]);
      const key = uniqueKey();
      const ticks = Array.from({ length: 50 }, (_, i) => T0 + i * MINUTE);
      // Ticks advance in time order, as every node's scheduler claims them; the two engines race
      // on each one. (Issuing all 50 ticks at once would let a later tick land first on a backend
      // that runs statements concurrently, and an older tick must then lose.)
      const wins: number[] = [];
      for (const tick of ticks) {
        const [x, y] = await Promise.all([a.schedules.claimTick(key, tick), b.schedules.claimTick(key, tick)]);
        wins.push(Number(x) + Number(y));
      }
      assert.deepEqual(wins, ticks.map(() => 1));
      assert.equal(await b.schedules.lastFired(key), ticks.at(-1));
    });

    test('durability: state survives close and reopen', async () => {
      const first = await open();
      const key = uniqueKey();
      await first.schedules.register(key, T0);
      await first.schedules.claimTick(key, T0 + MINUTE);
      await first.close();
      const second = await openTracked();
      assert.deepEqual(await second.schedules.get(key), { key, createdAt: T0, lastFired: T0 + MINUTE });
      assert.equal(await second.schedules.claimTick(key, T0 + MINUTE), false);
    });

    test('a claim with a lease records the tick pending in the same step; a lost claim records nothing', async () => {
      const { schedules } = await openTracked();
      const key = uniqueKey();
      await schedules.register(key, T0);
      assert.equal(await schedules.claimTick(key, T0 + MINUTE, T0 + MINUTE + LEASE), true);
      assert.equal(await schedules.claimTick(key, T0 + MINUTE, T0 + MINUTE + LEASE), false, 'the same tick twice');
      assert.equal(await schedules.claimTick(key, T0, T0 + LEASE), false, 'an older tick');
      assert.equal(await schedules.claimTick(key, T0 + 2 * MINUTE), true, 'without a lease: no outbox row');
      assert.deepEqual(await pendingOf(schedules, key), [{ key, tick: T0 + MINUTE, leaseUntil: T0 + MINUTE + LEASE }]);
      assert.equal(await schedules.lastFired(key), T0 + 2 * MINUTE);
      await schedules.markDelivered(key, T0 + MINUTE);
      await schedules.markDelivered(key, T0 + MINUTE);
      assert.deepEqual(await pendingOf(schedules, key), [], 'delivered, and markDelivered is idempotent');
    });

    test('takeStaleTicks hands out only ticks past their lease, re-leased, oldest first', async () => {
      const { schedules } = await openTracked();
      const [key, other] = [uniqueKey(), uniqueKey()];
      await schedules.claimTick(key, T0 + MINUTE, T0 + MINUTE + LEASE);
      await schedules.claimTick(other, T0, T0 + MINUTE + LEASE);
      await schedules.claimTick(key, T0 + 2 * MINUTE, T0 + 2 * MINUTE + LEASE);
      const mine = (taken: PendingTick[]) => taken.filter((p) => p.key === key || p.key === other);
      assert.deepEqual(mine(await schedules.takeStaleTicks(T0 + MINUTE + LEASE - 1, T0 + 9 * MINUTE, 1_000)), [], 'leases still running');
      const first = mine(await schedules.takeStaleTicks(T0 + MINUTE + LEASE, T0 + 5 * MINUTE, 1_000));
      assert.deepEqual(first, [
        { key: other, tick: T0, leaseUntil: T0 + 5 * MINUTE },
        { key, tick: T0 + MINUTE, leaseUntil: T0 + 5 * MINUTE },
      ]);
      assert.deepEqual(mine(await schedules.takeStaleTicks(T0 + 3 * MINUTE, T0 + 9 * MINUTE, 1_000)), [{ key, tick: T0 + 2 * MINUTE, leaseUntil: T0 + 9 * MINUTE }], 'the re-leased ones are not stale again yet');
      const again = mine(await schedules.takeStaleTicks(T0 + 5 * MINUTE, T0 + 10 * MINUTE, 1_000));
      assert.deepEqual(again.map((p) => p.tick), [T0, T0 + MINUTE], 'a lease that ran out again is taken again');
      const limited = await schedules.takeStaleTicks(T0 + 20 * MINUTE, T0 + 30 * MINUTE, 1);
      assert.ok(limited.length <= 1, 'limit');
      await schedules.markDelivered(key, T0 + MINUTE);
      await schedules.markDelivered(key, T0 + 2 * MINUTE);
      await schedules.markDelivered(other, T0);
      assert.deepEqual(await pendingOf(schedules, key), []);
    });

    test('two engines sweeping at once: each stale tick taken by exactly one', async () => {
      const [a, b] = await Promise.all([openTracked(), openTracked()]);
      const key = uniqueKey();
      const ticks = Array.from({ length: 30 }, (_, i) => T0 + i * MINUTE);
      for (const tick of ticks) await a.schedules.claimTick(key, tick, T0);
      const taken: number[] = [];
      for (let round = 0; round < 3; round++) {
        const results = await Promise.all([a, b, a, b].map((e) => e.schedules.takeStaleTicks(T0 + LEASE, T0 + 60 * MINUTE, 7)));
        taken.push(...results.flat().filter((p) => p.key === key).map((p) => p.tick));
      }
      taken.push(...(await b.schedules.takeStaleTicks(T0 + LEASE, T0 + 60 * MINUTE, 1_000)).filter((p) => p.key === key).map((p) => p.tick));
      assert.deepEqual(taken.sort((x, y) => x - y), ticks);
      for (const tick of ticks) await a.schedules.markDelivered(key, tick);
    });

    test('durability: a pending tick survives close and reopen', async () => {
      const first = await open();
      const key = uniqueKey();
      await first.schedules.claimTick(key, T0, T0 + LEASE);
      await first.close();
      const second = await openTracked();
      assert.deepEqual(await pendingOf(second.schedules, key), [{ key, tick: T0, leaseUntil: T0 + LEASE }]);
      await second.schedules.markDelivered(key, T0);
    });

    const crossProcessSkip = options.url ? false : 'no engine URL given for a child process';
    test('three processes racing on 200 ticks: every tick won by exactly one', { skip: crossProcessSkip, timeout: 30_000 }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'stratus-claim-'));
      try {
        const key = uniqueKey();
        const goFile = join(dir, 'go');
        const racers = [0, 1, 2].map(() => spawnTs(CLAIM_CHILD, [options.url!, key, '200', goFile]));
        children.push(...racers);
        await Promise.all(racers.map((c) => c.line('ready')));
        writeFileSync(goFile, '');
        const outputs = await Promise.all(racers.map((c) => collectWins(c)));
        const all = outputs.flat().sort((x, y) => x - y);
        assert.deepEqual(all, Array.from({ length: 200 }, (_, i) => i + 1));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

async function collectWins(child: Child): Promise<number[]> {
  let out = '';
  child.process.stdout!.on('data', (chunk) => (out += chunk));
  await child.exited();
  return out
    .split('\n')
    .filter((line) => line.startsWith('won '))
    .map((line) => Number(line.slice(4)));
}

async function pendingOf(store: ScheduleStateStore, key: string) {
  return (await store.pendingTicks()).filter((p) => p.key === key);
}

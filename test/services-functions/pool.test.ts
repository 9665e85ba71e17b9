/**
 * InstancePool sizing: warm reuse first, eager starts up to `eagerInstances`, then a queued caller
 * gets a new instance only after waiting `spillAfterMs` for a busy one; reserved concurrency
 * starts at once up to its limit and throttles beyond. Instances here are plain stand-ins: the
 * pool only counts and hands them out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InstancePool, Throttled, type Lease } from '../../src/services/functions/pool';
import type { FunctionInstance } from '../../src/runtime/types';

function standIn(id: number): FunctionInstance {
  return {
    id: String(id),
    dead: false,
    invoke: async () => ({ status: 'success', payload: 'null', durationMs: 0, maxMemoryUsedMb: 0 }),
    dispose: async () => {},
  };
}

function pool(options: { max: number; eager?: number; spillAfterMs?: number; reserved?: boolean }) {
  let created = 0;
  const p = new InstancePool({
    maxInstances: options.max,
    throttleWhenFull: options.reserved ?? false,
    eagerInstances: options.eager,
    spillAfterMs: options.spillAfterMs,
    create: async () => standIn(++created),
    now: () => Date.now(),
  });
  return { p, created: () => created };
}

test('short invocations reuse the warm instance instead of starting more past the eager count', async () => {
  const { p, created } = pool({ max: 8, eager: 1, spillAfterMs: 60_000 });
  const leases = Array.from({ length: 20 }, () => p.acquire().then((lease) => setImmediate(() => lease.release())));
  await Promise.all(leases);
  assert.equal(created(), 1);
  await p.close();
});

test('a caller still queued after the spill delay gets a new instance, up to the maximum', async () => {
  const { p, created } = pool({ max: 3, eager: 1, spillAfterMs: 5 });
  (await p.acquire()).release(); // the first (cold) invocation is over: the instance is warm
  const held: Lease[] = [await p.acquire()];
  // Nobody releases: each queued caller is served by a spilled start, never beyond max.
  held.push(await p.acquire());
  held.push(await p.acquire());
  assert.equal(created(), 3);
  assert.equal(new Set(held.map((l) => l.instance.id)).size, 3);
  const fourth = p.acquire();
  held[0].release();
  assert.equal((await fourth).instance.id, held[0].instance.id, 'at the maximum, callers wait for a warm one');
  assert.equal(created(), 3);
  await p.close();
});

test('no instance is added while the only busy one runs its first (cold) invocation', async () => {
  const { p, created } = pool({ max: 3, eager: 1, spillAfterMs: 1 });
  const cold = await p.acquire();
  assert.equal(cold.cold, true);
  const queued = p.acquire();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(created(), 1, 'the queued caller waits for the instance in its init');
  cold.release();
  assert.equal((await queued).instance.id, cold.instance.id);
  await p.close();
});

test('without eagerInstances every busy moment starts a new instance up to the maximum', async () => {
  const { p, created } = pool({ max: 4 });
  const leases = await Promise.all([p.acquire(), p.acquire(), p.acquire(), p.acquire()]);
  assert.equal(created(), 4);
  for (const lease of leases) lease.release();
  await p.close();
});

test('reserved concurrency starts at once up to the limit, then throttles', async () => {
  const { p, created } = pool({ max: 2, eager: 1, spillAfterMs: 60_000, reserved: true });
  const a = await p.acquire();
  const b = await p.acquire();
  assert.equal(created(), 2);
  await assert.rejects(p.acquire(), Throttled);
  a.release();
  b.release();
  await p.close();
});

test('close rejects queued callers and stops the spill timer', async () => {
  const { p } = pool({ max: 2, eager: 1, spillAfterMs: 60_000 });
  await p.acquire();
  const queued = p.acquire();
  await p.close();
  await assert.rejects(queued, /closed/);
});

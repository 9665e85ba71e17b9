/**
 * At least once, then deduplicated: a tick claimed by a node that died before delivering it (its
 * outbox row left behind, as a claim with a lease writes it) is redelivered by a live node once
 * the lease ends, exactly once, with the payload a normal firing builds (same event id).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advanceTo, clockAt, definitionsOf, engineFile, scheduleRule, schedulerSchedule, startService, utc } from './helpers';

const LEASE = 30_000;
const every5 = () => definitionsOf({ Every5: scheduleRule('rate(5 minutes)') });
const keyOf = (defs: ReturnType<typeof every5>) => defs[0].key;

test('normal firing leaves nothing pending', async () => {
  const file = engineFile();
  const engine = await file.open();
  const clock = clockAt(utc(2030, 1, 1, 9, 59, 30));
  const { service, dispatcher } = await startService(engine, clock, every5());
  await advanceTo(clock, service, utc(2030, 1, 1, 10, 5));
  assert.equal(dispatcher.deliveries.length, 1);
  assert.deepEqual(await engine.schedules.pendingTicks(), []);
});

test('a tick claimed by a node that died before delivering is redelivered once its lease ends, exactly once', async () => {
  const file = engineFile();
  const clock = clockAt(utc(2030, 1, 1, 10, 5, 1));
  const defs = every5();
  const tick = utc(2030, 1, 1, 10, 5);
  // What the dead node left: the claim won (lastFired moved) and the tick pending in the outbox.
  const dead = await file.open();
  assert.equal(await dead.schedules.claimTick(keyOf(defs), tick, clock.now() + LEASE), true);
  const engine = await file.open();
  const { service, dispatcher } = await startService(engine, clock, defs);
  assert.equal(await service.redeliverAbandoned(), 0, 'the lease still runs: the claiming node may be delivering');
  assert.equal(dispatcher.deliveries.length, 0);
  clock.setTime(clock.now() + LEASE);
  assert.equal(await service.redeliverAbandoned(), 1);
  assert.deepEqual(dispatcher.times(), ['2030-01-01T10:05:00Z']);
  assert.deepEqual(await engine.schedules.pendingTicks(), []);
  clock.setTime(clock.now() + 2 * LEASE);
  assert.equal(await service.redeliverAbandoned(), 0);
  await service.runDue();
  assert.deepEqual(dispatcher.times(), ['2030-01-01T10:05:00Z'], 'neither the sweep nor the normal loop fires it again');
});

test('the redelivered payload is the one a normal firing of that tick sends: same event id', async () => {
  const defs = definitionsOf({ Every5: scheduleRule('cron(0/5 * * * ? *)') });
  const tick = utc(2030, 1, 1, 10, 5);
  const normal = engineFile();
  const clockA = clockAt(utc(2030, 1, 1, 10, 4, 30));
  const a = await startService(await normal.open(), clockA, defs);
  await advanceTo(clockA, a.service, tick);
  const crashed = engineFile();
  const clockB = clockAt(utc(2030, 1, 1, 10, 5, 1));
  await (await crashed.open()).schedules.claimTick(keyOf(defs), tick, clockB.now() + LEASE);
  const b = await startService(await crashed.open(), clockB, defs);
  clockB.setTime(clockB.now() + LEASE);
  await b.service.redeliverAbandoned();
  assert.equal(b.dispatcher.deliveries.length, 1);
  assert.equal(b.dispatcher.deliveries[0].payload, a.dispatcher.deliveries[0].payload);
});

test('Scheduler schedules too: the execution-id is the same on redelivery', async () => {
  const input = '{"exec":"<aws.scheduler.execution-id>","at":"<aws.scheduler.scheduled-time>"}';
  const defs = definitionsOf({ Nightly: schedulerSchedule('cron(0 2 * * ? *)', { Target: { Arn: 'arn:aws:lambda:us-east-1:000000000000:function:Worker', RoleArn: 'arn:aws:iam::000000000000:role/s', Input: input } }) });
  const tick = utc(2030, 1, 2, 2, 0);
  const normal = engineFile();
  const clockA = clockAt(tick - 1_000);
  const a = await startService(await normal.open(), clockA, defs);
  await advanceTo(clockA, a.service, tick);
  const crashed = engineFile();
  const clockB = clockAt(tick + 1_000);
  await (await crashed.open()).schedules.claimTick(defs[0].key, tick, clockB.now() + LEASE);
  const b = await startService(await crashed.open(), clockB, defs);
  clockB.setTime(clockB.now() + LEASE);
  await b.service.redeliverAbandoned();
  assert.equal(b.dispatcher.deliveries[0].payload, a.dispatcher.deliveries[0].payload);
  assert.match(JSON.parse(b.dispatcher.deliveries[0].payload).exec, /^[0-9a-z]{16}$/);
});

test('two live nodes sweeping the same abandoned ticks: each delivered by exactly one', async () => {
  const file = engineFile();
  const clock = clockAt(utc(2030, 1, 1, 10, 30, 1));
  const defs = definitionsOf({ Every1: scheduleRule('rate(1 minute)') });
  const dead = await file.open();
  for (let minute = 1; minute <= 30; minute++) await dead.schedules.claimTick(defs[0].key, utc(2030, 1, 1, 10, minute), clock.now() + LEASE);
  const a = await startService(await file.open(), clock, defs);
  const b = await startService(await file.open(), clock, defs);
  clock.setTime(clock.now() + LEASE);
  const [x, y] = await Promise.all([a.service.redeliverAbandoned(), b.service.redeliverAbandoned()]);
  assert.equal(x + y, 30);
  const times = [...a.dispatcher.times(), ...b.dispatcher.times()].sort();
  assert.equal(new Set(times).size, 30, 'no tick twice');
  assert.deepEqual(await dead.schedules.pendingTicks(), []);
});

test('an abandoned tick older than the 24 h maximum event age is dropped, not delivered', async () => {
  const file = engineFile();
  const defs = every5();
  const tick = utc(2030, 1, 1, 10, 5);
  await (await file.open()).schedules.claimTick(keyOf(defs), tick, tick + LEASE);
  const clock = clockAt(tick + 86_400_000 + 1);
  const engine = await file.open();
  const { service, dispatcher } = await startService(engine, clock, defs);
  assert.equal(await service.redeliverAbandoned(), 0);
  assert.equal(dispatcher.deliveries.length, 0);
  assert.deepEqual(await engine.schedules.pendingTicks(), []);
});

test('a pending tick of a schedule this node does not know stays pending for a node that does', async () => {
  const file = engineFile();
  const clock = clockAt(utc(2030, 1, 1, 10, 5, 1));
  const defs = every5();
  const engine = await file.open();
  await engine.schedules.claimTick(keyOf(defs), utc(2030, 1, 1, 10, 5), clock.now() + LEASE);
  const other = await startService(await file.open(), clock, definitionsOf({ Other: scheduleRule('rate(1 hour)') }));
  clock.setTime(clock.now() + LEASE);
  assert.equal(await other.service.redeliverAbandoned(), 0);
  assert.equal((await engine.schedules.pendingTicks()).length, 1);
  const knowing = await startService(await file.open(), clock, defs);
  clock.setTime(clock.now() + LEASE);
  assert.equal(await knowing.service.redeliverAbandoned(), 1);
  assert.deepEqual(knowing.dispatcher.times(), ['2030-01-01T10:05:00Z']);
});

test('event ids: deterministic per schedule and tick, distinct across ticks, and a manual run gets its own', async () => {
  const defs = definitionsOf({ Every5: scheduleRule('cron(0/5 * * * ? *)') });
  const clock = clockAt(utc(2030, 1, 1, 10, 4, 30));
  const { service, dispatcher } = await startService(await engineFile().open(), clock, defs);
  await advanceTo(clock, service, utc(2030, 1, 1, 10, 5));
  await advanceTo(clock, service, utc(2030, 1, 1, 10, 10));
  await service.runNow('Every5');
  await service.runNow('Every5');
  const ids = dispatcher.events().map((e) => e.id as string);
  assert.equal(ids.length, 4);
  assert.equal(new Set(ids).size, 4);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

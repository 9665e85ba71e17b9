/** Exactly once across restarts and nodes (two services on one engine file), and the catch-up modes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advanceTo, clockAt, definitionsOf, engineFile, scheduleRule, startService, utc } from './helpers';

const every5 = () => definitionsOf({ Every5: scheduleRule('rate(5 minutes)') });

test('a restart (new service, new engine on the same file) does not re-fire a tick already fired', async () => {
  const file = engineFile();
  const clock = clockAt(utc(2030, 1, 1, 9, 59, 30));
  const first = await startService(await file.open(), clock, every5());
  await advanceTo(clock, first.service, utc(2030, 1, 1, 10, 5));
  assert.equal(first.dispatcher.deliveries.length, 1);
  await first.service.stop();
  // Even with catch-up on, the tick the first run fired stays fired.
  const second = await startService(await file.open(), clock, every5(), { catchUp: 'all' });
  await second.service.runDue();
  assert.equal(second.dispatcher.deliveries.length, 0);
  await advanceTo(clock, second.service, utc(2030, 1, 1, 10, 10));
  assert.deepEqual(second.dispatcher.times(), ['2030-01-01T10:10:00Z'], 'the rate grid survives the restart');
});

test('two services on one engine file (two nodes) fire each tick exactly once', async () => {
  const file = engineFile();
  const clock = clockAt(utc(2030, 1, 1, 9, 59, 30));
  const defs = definitionsOf({ Every1: scheduleRule('rate(1 minute)'), Daily: scheduleRule('cron(0 12 * * ? *)') });
  const a = await startService(await file.open(), clock, defs);
  const b = await startService(await file.open(), clock, defs);
  for (let minute = 1; minute <= 30; minute++) {
    clock.setTime(utc(2030, 1, 1, 10, minute));
    await Promise.all([a.service.runDue(), b.service.runDue()]);
  }
  await advanceTo(clock, a.service, utc(2030, 1, 1, 12, 0));
  await b.service.runDue();
  const all = [...a.dispatcher.deliveries, ...b.dispatcher.deliveries];
  const times = (suffix: string) => all.filter((d) => d.origin.sourceArn.endsWith(suffix)).map((d) => JSON.parse(d.payload).time).sort();
  assert.equal(times('/Every1').length, 31, '10:01-10:30, then only the newest at the 12:00 jump');
  assert.deepEqual(new Set(times('/Every1')).size, times('/Every1').length, 'no tick twice');
  assert.deepEqual(times('/Daily'), ['2030-01-01T12:00:00Z']);
  assert.ok(a.dispatcher.deliveries.length > 0 || b.dispatcher.deliveries.length > 0);
});

/** Fires 10:05 in a first run, then "restarts" at 10:32 with the given mode: 10:10 … 10:30 were missed. */
async function missedTicks(catchUp: 'none' | 'last' | 'all'): Promise<string[]> {
  const file = engineFile();
  const clock = clockAt(utc(2030, 1, 1, 9, 59, 30));
  const first = await startService(await file.open(), clock, every5());
  await advanceTo(clock, first.service, utc(2030, 1, 1, 10, 5));
  await first.service.stop();
  clock.setTime(utc(2030, 1, 1, 10, 32));
  const second = await startService(await file.open(), clock, every5(), { catchUp });
  await second.service.runDue();
  return second.dispatcher.times();
}

test("catch-up 'none' (default, as AWS): ticks missed while down are not fired", async () => {
  assert.deepEqual(await missedTicks('none'), []);
});

test("catch-up 'last': the most recent missed tick fires once", async () => {
  assert.deepEqual(await missedTicks('last'), ['2030-01-01T10:30:00Z']);
});

test("catch-up 'all': every missed tick fires, oldest first", async () => {
  assert.deepEqual(await missedTicks('all'), ['10', '15', '20', '25', '30'].map((m) => `2030-01-01T10:${m}:00Z`));
});

test("catch-up 'all' is bounded to the newest 100 missed ticks", async () => {
  const file = engineFile();
  const clock = clockAt(utc(2030, 1, 1, 9, 59, 30));
  const defs = definitionsOf({ Every1: scheduleRule('rate(1 minute)') });
  const first = await startService(await file.open(), clock, defs);
  await advanceTo(clock, first.service, utc(2030, 1, 1, 10, 1));
  await first.service.stop();
  clock.setTime(utc(2030, 1, 1, 13, 0, 30)); // 179 ticks missed (10:02 … 13:00)
  const second = await startService(await file.open(), clock, defs, { catchUp: 'all' });
  await second.service.runDue();
  const times = second.dispatcher.times();
  assert.equal(times.length, 100);
  assert.equal(times[0], '2030-01-01T11:21:00Z');
  assert.equal(times.at(-1), '2030-01-01T13:00:00Z');
});

test('while running, several ticks due at once (a clock jump) fire only the newest, unless catch-up is all', async () => {
  const clock = clockAt(utc(2030, 1, 1, 9, 59, 30));
  const defs = definitionsOf({ Every1: scheduleRule('rate(1 minute)') });
  const none = await startService(await engineFile().open(), clock, defs);
  const all = await startService(await engineFile().open(), clock, defs, { catchUp: 'all' });
  clock.setTime(utc(2030, 1, 1, 10, 10));
  await Promise.all([none.service.runDue(), all.service.runDue()]);
  assert.deepEqual(none.dispatcher.times(), ['2030-01-01T10:10:00Z']);
  assert.equal(all.dispatcher.deliveries.length, 10);
});

test('upsert adds a schedule while running; remove stops it and re-adding does not re-fire its last tick', async () => {
  const clock = clockAt(utc(2030, 1, 1, 9, 59, 30));
  const engine = await engineFile().open();
  const { service, dispatcher } = await startService(engine, clock, []);
  const [def] = every5();
  await service.upsert(def);
  await advanceTo(clock, service, utc(2030, 1, 1, 10, 5));
  assert.equal(dispatcher.deliveries.length, 1);
  await service.remove(def.key);
  assert.deepEqual(await service.list(), []);
  await advanceTo(clock, service, utc(2030, 1, 1, 10, 10));
  assert.equal(dispatcher.deliveries.length, 1);
  await service.upsert(def);
  await advanceTo(clock, service, utc(2030, 1, 1, 10, 15));
  assert.deepEqual(dispatcher.times(), ['2030-01-01T10:05:00Z', '2030-01-01T10:15:00Z']);
});

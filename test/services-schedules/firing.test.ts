/** Ticks fire at the right instants on an adjustable clock: cron, rate, zones, DST, state, windows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advanceTo, clockAt, definitionsOf, engineFile, scheduleRule, schedulerSchedule, startService, utc } from './helpers';
import { flexibleOffsetMs } from '../../src/services/schedules/index';

const MINUTE = 60_000;

test('a daily 09:00 cron rule fires exactly once when the clock reaches 09:00 tomorrow', async () => {
  const clock = clockAt(utc(2030, 1, 1, 10, 0));
  const engine = await engineFile().open();
  const { service, dispatcher } = await startService(engine, clock, definitionsOf({ Daily: scheduleRule('cron(0 9 * * ? *)') }));
  await advanceTo(clock, service, utc(2030, 1, 2, 8, 59, 59));
  assert.equal(dispatcher.deliveries.length, 0);
  await advanceTo(clock, service, utc(2030, 1, 2, 9, 0));
  assert.deepEqual(dispatcher.times(), ['2030-01-02T09:00:00Z']);
  await advanceTo(clock, service, utc(2030, 1, 2, 9, 30));
  assert.equal(dispatcher.deliveries.length, 1);
});

test('the loop fires on its own when time moves (no runDue call)', async () => {
  const clock = clockAt(utc(2030, 1, 1, 10, 0));
  const engine = await engineFile().open();
  const { dispatcher } = await startService(engine, clock, definitionsOf({ Daily: scheduleRule('cron(0 9 * * ? *)') }));
  clock.setTime(utc(2030, 1, 2, 9, 0));
  for (let i = 0; i < 200 && dispatcher.deliveries.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(dispatcher.times(), ['2030-01-02T09:00:00Z']);
});

test('a rate rule fires every period from its creation, rounded up to the minute', async () => {
  const clock = clockAt(utc(2030, 1, 1, 9, 59, 30));
  const engine = await engineFile().open();
  const { service, dispatcher } = await startService(engine, clock, definitionsOf({ Every5: scheduleRule('rate(5 minutes)') }));
  await advanceTo(clock, service, utc(2030, 1, 1, 10, 4, 59));
  assert.equal(dispatcher.deliveries.length, 0);
  for (const minute of [5, 10, 15]) await advanceTo(clock, service, utc(2030, 1, 1, 10, minute));
  assert.deepEqual(dispatcher.times(), ['2030-01-01T10:05:00Z', '2030-01-01T10:10:00Z', '2030-01-01T10:15:00Z']);
});

test('Asia/Seoul 09:00 fires at 00:00 UTC', async () => {
  const clock = clockAt(utc(2030, 1, 1, 12, 0));
  const engine = await engineFile().open();
  const defs = definitionsOf({ Seoul: schedulerSchedule('cron(0 9 * * ? *)', { ScheduleExpressionTimezone: 'Asia/Seoul' }) });
  const { service, dispatcher } = await startService(engine, clock, defs);
  const [listing] = await service.list();
  assert.equal(new Date(listing.nextFireAt!).toISOString(), '2030-01-02T00:00:00.000Z');
  await advanceTo(clock, service, utc(2030, 1, 1, 23, 59, 59));
  assert.equal(dispatcher.deliveries.length, 0);
  await advanceTo(clock, service, utc(2030, 1, 2, 0, 0));
  assert.equal(dispatcher.deliveries.length, 1);
});

test('America/New_York 09:00 follows DST: 14:00 UTC before 10 March 2030, 13:00 UTC after', async () => {
  const clock = clockAt(utc(2030, 3, 9, 12, 0));
  const engine = await engineFile().open();
  const defs = definitionsOf({
    NewYork: schedulerSchedule('cron(0 9 * * ? *)', { ScheduleExpressionTimezone: 'America/New_York', Target: { Arn: 'arn:aws:sqs:us-east-1:000000000000:q', Input: '<aws.scheduler.scheduled-time>' } }),
  });
  const { service, dispatcher } = await startService(engine, clock, defs);
  await advanceTo(clock, service, utc(2030, 3, 9, 14, 0));
  await advanceTo(clock, service, utc(2030, 3, 10, 12, 59));
  await advanceTo(clock, service, utc(2030, 3, 10, 13, 0));
  assert.deepEqual(dispatcher.deliveries.map((d) => d.payload), ['2030-03-09T14:00:00Z', '2030-03-10T13:00:00Z']);
});

test('a disabled schedule does not fire; enable() resumes from the next tick without replay', async () => {
  const clock = clockAt(utc(2030, 1, 1, 9, 59, 30));
  const engine = await engineFile().open();
  const defs = definitionsOf({ Off: scheduleRule('rate(1 minute)', { State: 'DISABLED' }), On: scheduleRule('rate(1 minute)') });
  const { service, dispatcher } = await startService(engine, clock, defs);
  for (const minute of [1, 2, 3]) await advanceTo(clock, service, utc(2030, 1, 1, 10, minute));
  assert.deepEqual(new Set(dispatcher.deliveries.map((d) => d.origin.sourceArn.split('/')[1])), new Set(['On']));
  const off = (await service.list()).find((s) => s.name === 'Off')!;
  assert.equal(off.state, 'DISABLED');
  assert.equal(off.nextFireAt, undefined);
  service.enable('Off');
  await advanceTo(clock, service, utc(2030, 1, 1, 10, 4));
  const offTimes = dispatcher.deliveries.filter((d) => d.origin.sourceArn.endsWith('/Off')).map((d) => JSON.parse(d.payload).time);
  assert.deepEqual(offTimes, ['2030-01-01T10:04:00Z']);
  service.disable('On');
  await advanceTo(clock, service, utc(2030, 1, 1, 10, 5));
  assert.equal(dispatcher.deliveries.filter((d) => d.origin.sourceArn.endsWith('/On')).length, 4, '10:01-10:04, none after disable');
});

test('a flexible window fires at a deterministic offset inside the window, never before', async () => {
  const clock = clockAt(utc(2030, 1, 1, 10, 0));
  const engine = await engineFile().open();
  const defs = definitionsOf({
    Flex: schedulerSchedule('cron(0 12 * * ? *)', { FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 } }),
  });
  const tick = utc(2030, 1, 1, 12, 0);
  const offset = flexibleOffsetMs(defs[0].key, tick, 15);
  assert.ok(offset >= 0 && offset < 15 * MINUTE && offset % 1000 === 0, `offset ${offset}`);
  assert.equal(flexibleOffsetMs(defs[0].key, tick, 15), offset, 'deterministic');
  const { service, dispatcher } = await startService(engine, clock, defs);
  assert.equal((await service.list())[0].nextFireAt, tick + offset);
  if (offset > 0) {
    await advanceTo(clock, service, tick + offset - 1000);
    assert.equal(dispatcher.deliveries.length, 0);
  }
  await advanceTo(clock, service, tick + offset);
  assert.equal(dispatcher.deliveries.length, 1);
  // The payload names the scheduled time, not the moment inside the window.
  assert.equal(dispatcher.deliveries[0].payload, '{}');
});

test('offsets spread over the window across ticks', () => {
  const key = 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/spread';
  const offsets = Array.from({ length: 200 }, (_, i) => flexibleOffsetMs(key, utc(2030, 1, 1) + i * MINUTE, 10));
  assert.ok(offsets.every((o) => o >= 0 && o < 10 * MINUTE));
  assert.ok(new Set(offsets).size > 150, 'offsets vary per tick');
  assert.ok(offsets.some((o) => o < 2 * MINUTE) && offsets.some((o) => o > 8 * MINUTE), 'both ends of the window used');
  assert.equal(flexibleOffsetMs(key, utc(2030, 1, 1), undefined), 0);
});

test('StartDate and EndDate bound the ticks; an at() schedule fires once and completes', async () => {
  const clock = clockAt(utc(2030, 1, 1, 9, 0));
  const engine = await engineFile().open();
  const defs = definitionsOf({
    Bounded: schedulerSchedule('rate(1 hour)', { StartDate: '2030-01-01T10:30:00Z', EndDate: '2030-01-01T12:30:00Z' }),
    Once: schedulerSchedule('at(2030-01-01T11:15:00)', { ActionAfterCompletion: 'DELETE', Name: 'once' }),
  });
  const { service, dispatcher } = await startService(engine, clock, defs);
  for (let hour = 10; hour <= 14; hour++) {
    await advanceTo(clock, service, utc(2030, 1, 1, hour, 0));
    await advanceTo(clock, service, utc(2030, 1, 1, hour, 30));
    await advanceTo(clock, service, utc(2030, 1, 1, hour, 45));
  }
  const bySource = (suffix: string) => dispatcher.deliveries.filter((d) => d.origin.sourceArn.endsWith(suffix)).length;
  // A Scheduler rate with StartDate fires at the start, then every period, up to EndDate.
  assert.equal(bySource('/Bounded'), 3);
  assert.equal(bySource('/once'), 1);
  const names = (await service.list()).map((s) => [s.name, s.completed]);
  assert.deepEqual(names, [['Bounded', true]], 'a completed DELETE schedule is no longer listed');
  assert.ok((await engine.schedules.get(defs[1].key))?.completedAt);
});

test('runNow fires immediately without consuming the next tick; lateness is recorded', async () => {
  const clock = clockAt(utc(2030, 1, 1, 10, 0));
  const engine = await engineFile().open();
  const { service, dispatcher } = await startService(engine, clock, definitionsOf({ Daily: scheduleRule('cron(0 9 * * ? *)') }));
  await service.runNow('Daily');
  assert.equal(dispatcher.deliveries.length, 1);
  await advanceTo(clock, service, utc(2030, 1, 2, 9, 0));
  assert.equal(dispatcher.deliveries.length, 2);
  const stats = service.lateness();
  assert.equal(stats.count, 1);
  assert.ok(stats.max < 1000, `late by ${stats.max} ms`);
  await assert.rejects(service.runNow('Nope'), /No schedule or rule named "Nope"/);
});

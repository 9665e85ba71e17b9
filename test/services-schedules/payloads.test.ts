/**
 * What targets receive: the scheduled event field by field (Amazon EventBridge User Guide,
 * "Amazon EventBridge events", scheduled event example), rule Input / InputPath / InputTransformer,
 * and Scheduler's Input sent as-is with its context attributes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, advanceTo, clockAt, definitionsOf, engineFile, FUNCTION_ARN, REGION, scheduleRule, schedulerSchedule, startService, utc } from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const RULE_ARN = `arn:aws:events:${REGION}:${ACCOUNT}:rule/Nightly`;

test('a scheduled rule sends the scheduled event, field by field and in AWS order', async () => {
  const clock = clockAt(utc(2030, 1, 1, 10, 0));
  const { service, dispatcher } = await startService(await engineFile().open(), clock, definitionsOf({ Nightly: scheduleRule('cron(30 18 * * ? *)') }));
  await advanceTo(clock, service, utc(2030, 1, 1, 18, 30, 0));
  const [delivery] = dispatcher.deliveries;
  const event = JSON.parse(delivery.payload);
  assert.deepEqual(Object.keys(event), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
  assert.equal(event.version, '0');
  assert.match(event.id, UUID);
  assert.equal(event['detail-type'], 'Scheduled Event');
  assert.equal(event.source, 'aws.events');
  assert.equal(event.account, ACCOUNT);
  assert.equal(event.time, '2030-01-01T18:30:00Z', 'the tick, ISO without milliseconds');
  assert.equal(event.region, REGION);
  assert.deepEqual(event.resources, [RULE_ARN]);
  assert.deepEqual(event.detail, {});
  assert.deepEqual(delivery.target, { arn: FUNCTION_ARN, id: 'Worker' });
  assert.deepEqual(delivery.origin, { sourceArn: RULE_ARN, kind: 'rule' });
});

test('Input, InputPath and InputTransformer shape the event per target; one event id per tick', async () => {
  const clock = clockAt(utc(2030, 1, 1, 10, 0));
  const targets = [
    { Id: 'Constant', Arn: FUNCTION_ARN, Input: '{"cmsServerEnv":"dv","enalbedNotification":true}' },
    { Id: 'Path', Arn: FUNCTION_ARN, InputPath: '$.resources[0]' },
    {
      Id: 'Transformer',
      Arn: 'arn:aws:sqs:us-east-1:000000000000:jobs',
      InputTransformer: {
        InputPathsMap: { when: '$.time', kind: '$.detail-type' },
        InputTemplate: '{"at": <when>, "kind": <kind>, "rule": <aws.events.rule-name>, "arn": <aws.events.rule-arn>}',
      },
    },
    { Id: 'Whole', Arn: FUNCTION_ARN },
    { Id: 'Text', Arn: FUNCTION_ARN, InputTransformer: { InputPathsMap: { when: '$.time' }, InputTemplate: 'fired at <when>' } },
  ];
  const defs = definitionsOf({ Nightly: scheduleRule('cron(0 18 * * ? *)', {}, targets) });
  const { service, dispatcher } = await startService(await engineFile().open(), clock, defs);
  await advanceTo(clock, service, utc(2030, 1, 1, 18, 0));
  const byId = Object.fromEntries(dispatcher.deliveries.map((d) => [d.target.id, d.payload]));
  assert.equal(byId.Constant, '{"cmsServerEnv":"dv","enalbedNotification":true}');
  assert.equal(byId.Path, JSON.stringify(RULE_ARN));
  assert.deepEqual(JSON.parse(byId.Transformer), { at: '2030-01-01T18:00:00Z', kind: 'Scheduled Event', rule: 'Nightly', arn: RULE_ARN });
  assert.equal(JSON.parse(byId.Whole).time, '2030-01-01T18:00:00Z');
  assert.equal(byId.Text, 'fired at 2030-01-01T18:00:00Z');
  // The targets of one tick share one event.
  assert.equal(dispatcher.deliveries.length, 5);
});

test('Scheduler sends Input as-is with context attributes filled; no Input sends {}', async () => {
  const clock = clockAt(utc(2030, 1, 1, 10, 0));
  const input = '{"arn":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>","exec":"<aws.scheduler.execution-id>","try":"<aws.scheduler.attempt-number>"}';
  const defs = definitionsOf({
    Templated: schedulerSchedule('cron(0 12 * * ? *)', { Name: 'templated', GroupName: 'jobs', Target: { Arn: FUNCTION_ARN, Input: input } }),
    Bare: schedulerSchedule('cron(0 12 * * ? *)', { Name: 'bare' }),
  });
  const { service, dispatcher } = await startService(await engineFile().open(), clock, defs);
  await advanceTo(clock, service, utc(2030, 1, 1, 12, 0));
  const byName = Object.fromEntries(dispatcher.deliveries.map((d) => [d.origin.sourceArn.split('/').at(-1), d]));
  const templated = JSON.parse(byName.templated.payload);
  assert.equal(templated.arn, `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/jobs/templated`);
  assert.equal(templated.at, '2030-01-01T12:00:00Z');
  assert.match(templated.exec, /^[0-9a-z]{16}$/);
  assert.equal(templated.try, "1");
  assert.deepEqual(byName.templated.origin, { sourceArn: templated.arn, kind: 'schedule' });
  assert.equal(byName.bare.payload, '{}');
});

/** Schedules read from a real template (all three sources) and bad ones rejected with the resource named. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadTemplate } from '../../src/template/index';
import { schedulesFromModel } from '../../src/services/schedules/index';
import { UserError } from '../../src/shared/errors';
import { definitionsOf, FUNCTION_ARN, scheduleRule, schedulerSchedule } from './helpers';

const FIXTURE = fileURLToPath(new URL('./fixtures/app/template.yaml', import.meta.url));

test('a template with rules, Scheduler schedules and SAM Schedule / ScheduleV2 events', async () => {
  const defs = schedulesFromModel(await loadTemplate(FIXTURE));
  const byName = Object.fromEntries(defs.map((d) => [d.name, d]));
  assert.deepEqual(Object.keys(byName).sort(), ['OneOff', 'SyncFunctionMorning', 'SyncFunctionNightly', 'kick-jobs', 'paused-sync']);
  const fn = 'arn:aws:lambda:us-east-1:000000000000:function:hr-sync';

  const nightly = byName.SyncFunctionNightly;
  assert.equal(nightly.kind, 'rule');
  assert.equal(nightly.arn, 'arn:aws:events:us-east-1:000000000000:rule/SyncFunctionNightly');
  assert.equal(nightly.expression, 'cron(0 18 * * ? *)');
  assert.deepEqual(nightly.targets[0].delivery, {
    arn: fn,
    id: 'SyncFunctionNightlyLambdaTarget',
    retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600 },
  });
  assert.match(nightly.targets[0].input.Input!, /"enalbedNotification":true/);

  assert.equal(byName['paused-sync'].state, 'DISABLED', 'Enabled: false');

  const morning = byName.SyncFunctionMorning;
  assert.equal(morning.kind, 'scheduler');
  assert.equal(morning.arn, 'arn:aws:scheduler:us-east-1:000000000000:schedule/reports/SyncFunctionMorning');
  assert.equal(morning.timezone, 'Asia/Seoul');
  assert.equal(morning.flexibleWindowMinutes, 10);
  assert.deepEqual(morning.targets[0].delivery, { arn: fn, deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:SyncFunctionMorningQueue' });

  const kick = byName['kick-jobs'];
  assert.deepEqual(kick.targets.map((t) => [t.delivery.id, t.delivery.arn]), [
    ['ToQueue', 'arn:aws:sqs:us-east-1:000000000000:jobs'],
    ['ToFunction', fn],
  ]);

  const oneOff = byName.OneOff;
  assert.equal(oneOff.state, 'DISABLED');
  assert.equal(oneOff.timezone, 'Europe/London');
  assert.equal(oneOff.targets[0].input.Input, 'plain text body at <aws.scheduler.scheduled-time>');
});

/** Asserts a TemplateError naming the resource, the property and the reason. */
function rejects(build: () => unknown, ...patterns: RegExp[]): void {
  assert.throws(build, (err) => {
    assert.ok(err instanceof UserError, String(err));
    for (const pattern of patterns) assert.match(err.message, pattern);
    return true;
  });
}

test('invalid expressions and time zones are rejected with the resource named', () => {
  rejects(() => definitionsOf({ BadCron: scheduleRule('cron(0 9 * * *)') }), /BadCron\.Properties\.ScheduleExpression/, /ScheduleExpression is not valid/);
  rejects(() => definitionsOf({ BadRate: scheduleRule('rate(1 minutes)') }), /BadRate/, /singular/);
  rejects(() => definitionsOf({ AtRule: scheduleRule('at(2030-01-01T00:00:00)') }), /AtRule/, /Scheduler expression/);
  rejects(
    () => definitionsOf({ BadZone: schedulerSchedule('cron(0 9 * * ? *)', { ScheduleExpressionTimezone: 'Mars/Olympus' }) }),
    /BadZone\.Properties\.ScheduleExpressionTimezone/,
    /Mars\/Olympus/,
  );
});

test('other invalid settings are rejected with the property path', () => {
  rejects(() => definitionsOf({ Bus: scheduleRule('rate(1 hour)', { EventBusName: 'orders' }) }), /Bus\.Properties\.EventBusName/, /default event bus/);
  rejects(() => definitionsOf({ St: scheduleRule('rate(1 hour)', { State: 'PAUSED' }) }), /St\.Properties\.State/);
  rejects(() => definitionsOf({ Tr: scheduleRule('rate(1 hour)', {}, [{ Id: 'x', Arn: FUNCTION_ARN, Input: '{', InputPath: '$' }]) }), /Tr\.Properties\.Targets\[0\]/, /Only one of/);
  rejects(() => definitionsOf({ Rp: scheduleRule('rate(1 hour)', {}, [{ Id: 'x', Arn: FUNCTION_ARN, RetryPolicy: { MaximumRetryAttempts: 200 } }]) }), /RetryPolicy\.MaximumRetryAttempts/, /0 to 185/);
  rejects(() => definitionsOf({ Fw: schedulerSchedule('rate(1 hour)', { FlexibleTimeWindow: { Mode: 'FLEXIBLE' } }) }), /FlexibleTimeWindow\.MaximumWindowInMinutes/);
  rejects(() => definitionsOf({ NoFw: { Type: 'AWS::Scheduler::Schedule', Properties: { ScheduleExpression: 'rate(1 hour)', Target: { Arn: FUNCTION_ARN } } } }), /NoFw\.Properties\.FlexibleTimeWindow/);
  rejects(() => definitionsOf({ Js: schedulerSchedule('rate(1 hour)', { Target: { Arn: FUNCTION_ARN, Input: 'not json' } }) }), /Js\.Properties\.Target\.Input/, /JSON/);
  rejects(() => definitionsOf({ A: scheduleRule('rate(1 hour)', { Name: 'same' }), B: scheduleRule('rate(2 hours)', { Name: 'same' }) }), /already declared by A/);
});

test('SAM events: errors name the function and the event property', () => {
  const model = (properties: Record<string, unknown>, type = 'Schedule') => ({
    templatePath: '/app/template.yaml',
    region: 'us-east-1',
    accountId: '000000000000',
    resources: {},
    functions: [{ logicalId: 'Fn', name: 'Fn', events: [{ name: 'Tick', type, properties }] }] as never,
  });
  rejects(() => schedulesFromModel(model({ Schedule: 'cron(bad)' })), /Fn\.Properties\.Events\.Tick\.Properties\.Schedule:/);
  rejects(() => schedulesFromModel(model({ Schedule: 'rate(1 hour)', Enabled: true, State: 'ENABLED' })), /Enabled and State cannot both/);
  rejects(() => schedulesFromModel(model({ ScheduleExpression: 'rate(1 hour)', ScheduleExpressionTimezone: 'Nowhere/City' }, 'ScheduleV2')), /Events\.Tick\.Properties\.ScheduleExpressionTimezone/);
  rejects(() => schedulesFromModel(model({ ScheduleExpression: 'rate(1 hour)', Input: '{oops' }, 'ScheduleV2')), /Events\.Tick\.Properties\.Input/);
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ScheduleRuleChange } from '../../src/services/events';
import { ACCOUNT, eventsError, newService, REGION } from './support';

const PATTERN = '{"source":["shop.orders"]}';
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:audit`;

describe('rules (PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule)', () => {
  it('rule ARNs: rule/<name> on the default bus, rule/<bus>/<name> on a custom bus', async () => {
    const { service } = newService();
    await service.createEventBus({ Name: 'orders' });
    assert.deepEqual(await service.putRule({ Name: 'r1', EventPattern: PATTERN }), { RuleArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/r1` });
    const onBus = await service.putRule({ Name: 'r1', EventPattern: PATTERN, EventBusName: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/orders` });
    assert.equal(onBus.RuleArn, `arn:aws:events:${REGION}:${ACCOUNT}:rule/orders/r1`);
  });

  it('describes a rule as AWS does, State defaulting to ENABLED', async () => {
    const { service } = newService();
    await service.putRule({ Name: 'r1', EventPattern: PATTERN, Description: 'd' });
    assert.deepEqual(await service.describeRule({ Name: 'r1' }), {
      Name: 'r1',
      Arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/r1`,
      EventBusName: 'default',
      State: 'ENABLED',
      EventPattern: PATTERN,
      Description: 'd',
      CreatedBy: ACCOUNT,
    });
    await assert.rejects(service.describeRule({ Name: 'nope' }), eventsError('ResourceNotFoundException', 'Rule nope does not exist on EventBus default.'));
  });

  it('validates PutRule: name, pattern or schedule, the pattern itself, the bus, State', async () => {
    const { service } = newService();
    await assert.rejects(service.putRule({ Name: 'bad name', EventPattern: PATTERN }), eventsError('ValidationException', /at 'name' failed to satisfy constraint/));
    await assert.rejects(service.putRule({ Name: 'r' }), eventsError('ValidationException', 'Parameter(s) EventPattern or ScheduleExpression must be specified.'));
    await assert.rejects(service.putRule({ Name: 'r', EventPattern: '{"source":"x"}' }), eventsError('InvalidEventPatternException', /^Event pattern is not valid\. Reason: /));
    await assert.rejects(service.putRule({ Name: 'r', EventPattern: 'not json' }), eventsError('InvalidEventPatternException'));
    await assert.rejects(service.putRule({ Name: 'r', EventPattern: PATTERN, EventBusName: 'nope' }), eventsError('ResourceNotFoundException', 'Event bus nope does not exist.'));
    await assert.rejects(service.putRule({ Name: 'r', EventPattern: PATTERN, State: 'ON' as never }), eventsError('ValidationException'));
    await service.createEventBus({ Name: 'orders' });
    await assert.rejects(
      service.putRule({ Name: 'r', ScheduleExpression: 'rate(5 minutes)', EventBusName: 'orders' }),
      eventsError('ValidationException', 'ScheduleExpression is supported only on the default event bus.'),
    );
    await assert.rejects(service.putRule({ Name: 'r', ScheduleExpression: 'every day' }), eventsError('ValidationException', /ScheduleExpression is not valid/));
  });

  it('PutRule on an existing rule replaces its settings and keeps its targets', async () => {
    const { service } = newService();
    await service.putRule({ Name: 'r', EventPattern: PATTERN, Description: 'old' });
    await service.putTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: QUEUE }] });
    await service.putRule({ Name: 'r', EventPattern: '{"source":["other"]}', State: 'DISABLED' });
    const rule = await service.describeRule({ Name: 'r' });
    assert.equal(rule.Description, undefined);
    assert.equal(rule.State, 'DISABLED');
    assert.equal(rule.EventPattern, '{"source":["other"]}');
    assert.deepEqual((await service.listTargetsByRule({ Rule: 'r' })).Targets, [{ Id: 't', Arn: QUEUE }]);
  });

  it('lists rules of a bus by prefix with pagination', async () => {
    const { service } = newService();
    for (const name of ['orders-b', 'orders-a', 'users']) await service.putRule({ Name: name, EventPattern: PATTERN });
    const listed = await service.listRules({ NamePrefix: 'orders-' });
    assert.deepEqual(listed.Rules.map((r) => r.Name), ['orders-a', 'orders-b']);
    assert.equal('CreatedBy' in listed.Rules[0]!, false);
    const first = await service.listRules({ Limit: 1 });
    const second = await service.listRules({ Limit: 1, NextToken: first.NextToken });
    assert.deepEqual([...first.Rules, ...second.Rules].map((r) => r.Name), ['orders-a', 'orders-b']);
    await assert.rejects(service.listRules({ EventBusName: 'nope' }), eventsError('ResourceNotFoundException'));
  });

  it('enables and disables rules', async () => {
    const { service } = newService();
    await service.putRule({ Name: 'r', EventPattern: PATTERN });
    await service.disableRule({ Name: 'r' });
    assert.equal((await service.describeRule({ Name: 'r' })).State, 'DISABLED');
    await service.enableRule({ Name: 'r' });
    assert.equal((await service.describeRule({ Name: 'r' })).State, 'ENABLED');
    await assert.rejects(service.enableRule({ Name: 'nope' }), eventsError('ResourceNotFoundException'));
  });

  it('a rule with targets cannot be deleted; without, it can; deleting twice succeeds', async () => {
    const { service } = newService();
    await service.putRule({ Name: 'r', EventPattern: PATTERN });
    await service.putTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: QUEUE }] });
    await assert.rejects(service.deleteRule({ Name: 'r' }), eventsError('ValidationException', "Rule can't be deleted since it has targets."));
    await service.removeTargets({ Rule: 'r', Ids: ['t'] });
    await service.deleteRule({ Name: 'r' });
    await service.deleteRule({ Name: 'r' });
    await assert.rejects(service.describeRule({ Name: 'r' }), eventsError('ResourceNotFoundException'));
  });

  it('schedule rules are stored and handed to onScheduleRule on every change', async () => {
    const changes: ScheduleRuleChange[] = [];
    const { service } = newService({ onScheduleRule: (change) => void changes.push(change) });
    await service.putRule({ Name: 'nightly', ScheduleExpression: 'cron(0 3 * * ? *)' });
    await service.putTargets({ Rule: 'nightly', Targets: [{ Id: 't', Arn: QUEUE }] });
    await service.disableRule({ Name: 'nightly' });
    await service.removeTargets({ Rule: 'nightly', Ids: ['t'] });
    await service.deleteRule({ Name: 'nightly' });
    await service.putRule({ Name: 'pattern-only', EventPattern: PATTERN });
    assert.deepEqual(changes.map((c) => `${c.kind}:${c.rule.State}:${c.rule.Targets.length}`), ['put:ENABLED:0', 'put:ENABLED:1', 'put:DISABLED:1', 'put:DISABLED:0', 'delete:DISABLED:0']);
    assert.equal(changes[0]!.rule.ScheduleExpression, 'cron(0 3 * * ? *)');
  });

  it('fireScheduleRule sends the Scheduled Event to the rule targets', async () => {
    const { service, dispatcher, clock } = newService();
    await service.putRule({ Name: 'nightly', ScheduleExpression: 'rate(1 day)' });
    await service.putTargets({ Rule: 'nightly', Targets: [{ Id: 't', Arn: QUEUE }] });
    assert.equal((await service.scheduleRules()).length, 1);
    clock.setTime(Date.parse('2030-01-02T03:00:00.250Z'));
    await service.fireScheduleRule({ Name: 'nightly' });
    const event = JSON.parse(dispatcher.deliveries[0]!.payload);
    assert.equal(event['detail-type'], 'Scheduled Event');
    assert.equal(event.source, 'aws.events');
    assert.equal(event.time, '2030-01-02T03:00:00Z');
    assert.deepEqual(event.resources, [`arn:aws:events:${REGION}:${ACCOUNT}:rule/nightly`]);
    assert.deepEqual(event.detail, {});
  });

  it('TestEventPattern answers Result and AWS errors', async () => {
    const { service } = newService();
    const event = JSON.stringify({ id: '1', account: ACCOUNT, source: 'shop.orders', time: '2030-01-01T00:00:00Z', region: REGION, resources: [], 'detail-type': 'X', detail: {} });
    assert.deepEqual(await service.testEventPattern({ EventPattern: PATTERN, Event: event }), { Result: true });
    assert.deepEqual(await service.testEventPattern({ EventPattern: '{"source":["other"]}', Event: event }), { Result: false });
    await assert.rejects(service.testEventPattern({ EventPattern: '{"source":"x"}', Event: event }), eventsError('InvalidEventPatternException'));
    await assert.rejects(service.testEventPattern({ EventPattern: PATTERN, Event: '{"source":"x"}' }), eventsError('ValidationException', 'Parameter Event is not valid.'));
  });
});

describe('targets (PutTargets, RemoveTargets, ListTargetsByRule)', () => {
  it('adds, replaces by Id, lists and removes targets', async () => {
    const { service } = newService();
    await service.putRule({ Name: 'r', EventPattern: PATTERN });
    assert.deepEqual(await service.putTargets({ Rule: 'r', Targets: [{ Id: 'a', Arn: QUEUE }, { Id: 'b', Arn: QUEUE }] }), { FailedEntryCount: 0, FailedEntries: [] });
    await service.putTargets({ Rule: 'r', Targets: [{ Id: 'a', Arn: QUEUE, Input: '{"x":1}' }] });
    const listed = await service.listTargetsByRule({ Rule: 'r' });
    assert.deepEqual(listed.Targets, [{ Id: 'a', Arn: QUEUE, Input: '{"x":1}' }, { Id: 'b', Arn: QUEUE }]);
    const page = await service.listTargetsByRule({ Rule: 'r', Limit: 1 });
    assert.equal(page.Targets.length, 1);
    assert.ok(page.NextToken);
    const removed = await service.removeTargets({ Rule: 'r', Ids: ['a', 'zzz'] });
    assert.equal(removed.FailedEntryCount, 1);
    assert.deepEqual(removed.FailedEntries[0], { TargetId: 'zzz', ErrorCode: 'ResourceNotFoundException', ErrorMessage: "Rule 'r' does not have a target with the Id 'zzz'." });
    assert.deepEqual((await service.listTargetsByRule({ Rule: 'r' })).Targets.map((t) => t.Id), ['b']);
  });

  it('at most five targets per rule: LimitExceededException and nothing added', async () => {
    const { service } = newService();
    await service.putRule({ Name: 'r', EventPattern: PATTERN });
    const five = ['1', '2', '3', '4', '5'].map((Id) => ({ Id, Arn: QUEUE }));
    await service.putTargets({ Rule: 'r', Targets: five });
    await assert.rejects(service.putTargets({ Rule: 'r', Targets: [{ Id: '6', Arn: QUEUE }] }), eventsError('LimitExceededException'));
    await service.putTargets({ Rule: 'r', Targets: [{ Id: '5', Arn: QUEUE, Input: '{}' }] });
    assert.equal((await service.listTargetsByRule({ Rule: 'r' })).Targets.length, 5);
  });

  it('per-target failures for bad ARNs and FIFO queues without MessageGroupId; request errors for the rest', async () => {
    const { service } = newService();
    await service.putRule({ Name: 'r', EventPattern: PATTERN });
    const result = await service.putTargets({
      Rule: 'r',
      Targets: [
        { Id: 'ok', Arn: QUEUE },
        { Id: 'bad-arn', Arn: 'not-an-arn' },
        { Id: 'fifo', Arn: `${QUEUE}.fifo` },
      ],
    });
    assert.equal(result.FailedEntryCount, 2);
    assert.deepEqual(result.FailedEntries.map((f) => [f.TargetId, f.ErrorCode]), [['bad-arn', 'ValidationException'], ['fifo', 'ValidationException']]);
    assert.match(result.FailedEntries[1]!.ErrorMessage, /SqsParameters must be specified for target: fifo/);
    assert.deepEqual((await service.listTargetsByRule({ Rule: 'r' })).Targets.map((t) => t.Id), ['ok']);
    await assert.rejects(service.putTargets({ Rule: 'r', Targets: [{ Id: 'bad id', Arn: QUEUE }] }), eventsError('ValidationException', /targets\.1\.member\.id/));
    await assert.rejects(service.putTargets({ Rule: 'r', Targets: [] }), eventsError('ValidationException'));
    await assert.rejects(service.putTargets({ Rule: 'r', Targets: [{ Id: 'x', Arn: QUEUE, Input: 'not json' }] }), eventsError('ValidationException', /Input for target x/));
    await assert.rejects(service.putTargets({ Rule: 'r', Targets: [{ Id: 'x', Arn: QUEUE, Input: '{}', InputPath: '$' }] }), eventsError('ValidationException', /Only one of Input/));
    await assert.rejects(service.putTargets({ Rule: 'nope', Targets: [{ Id: 'x', Arn: QUEUE }] }), eventsError('ResourceNotFoundException'));
  });
});

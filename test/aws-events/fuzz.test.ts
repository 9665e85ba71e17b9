/**
 * Malformed EventBridge requests (AWS JSON 1.1) against `stratus start` with stored rules: random
 * and truncated bodies, members of the wrong type, bad names, bad patterns, bad targets, huge
 * strings — each answered with a JSON error carrying `__type` and a 4xx status (never a 5xx), the
 * process up, and the stored buses, rules and targets unchanged, also after a restart. Inputs
 * come from a seeded generator.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  EventBridgeClient,
  CreateEventBusCommand,
  DescribeRuleCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { startStratus, tempDir, removeDir, type StratusProcess } from '../support/stratus-process';
import { seededFuzzer } from '../support/fuzz';

const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
const stateDir = tempDir('stratus-events-fuzz-');
const started: StratusProcess[] = [];
after(async () => {
  for (const p of started) await p.stop('SIGKILL').catch(() => {});
  removeDir(stateDir);
});

const { random, int, pick, bytes } = seededFuzzer(4242);
const SCOPE = 'AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20250101/us-east-1/events/aws4_request, SignedHeaders=host, Signature=00';
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:kept-queue';
const OPERATIONS = [
  'CreateEventBus', 'DeleteEventBus', 'PutRule', 'DeleteRule', 'EnableRule', 'DisableRule', 'PutTargets', 'RemoveTargets',
  'DescribeRule', 'ListRules', 'ListTargetsByRule', 'PutEvents', 'DescribeEventBus', 'TestEventPattern',
];
// Never valid as a bus, rule or target name ([\.\-_A-Za-z0-9]+, at most 64): nothing new is made.
const BAD_NAMES = ['', 'has space', 'semi;colon', 'x'.repeat(65), 'slash/inside', 'ü', '*'];
const WRONG_TYPES = [42, true, null, [], {}, [1, 2], { Name: 7 }];
// Bus names may be longer (256) than rule names.
const BAD_BUS_NAMES = ['', 'has space', 'semi;colon', 'x'.repeat(257), 'ü', '*', 'slash/inside'];
const BAD_PATTERNS = ['{"source": "not-a-list"}', 'not json', '[]', '{"a":[{"numeric":[">"]}]}', '{"x":[{"prefix":1}]}', '"text"'];

function hostileValue(): unknown {
  switch (int(4)) {
    case 0:
      return pick(BAD_NAMES);
    case 1:
      return pick(WRONG_TYPES);
    case 2:
      return 'z'.repeat(int(3) === 0 ? 300_000 : 2_000);
    default:
      return bytes(int(20)).toString('latin1');
  }
}

/** A body for `operation` that must not change anything stored. */
function hostileBody(operation: string): string {
  const kind = int(6);
  if (kind === 0) return bytes(int(200)).toString('latin1');
  if (kind === 1) return JSON.stringify({ Name: 'kept-rule', EventBusName: 'kept-bus' }).slice(0, int(30));
  if (kind === 2) return JSON.stringify(pick(WRONG_TYPES));
  const body: Record<string, unknown> = {};
  switch (operation) {
    case 'PutRule':
      body.Name = pick(BAD_NAMES);
      body.EventBusName = pick(['kept-bus', hostileValue()]);
      body.EventPattern = pick([...BAD_PATTERNS, hostileValue()]);
      break;
    case 'PutTargets':
      // On the stored rule: every target is bad, so none is added.
      body.Rule = pick(['kept-rule', hostileValue()]);
      body.EventBusName = 'kept-bus';
      body.Targets = pick([
        [{ Id: pick(BAD_NAMES), Arn: QUEUE_ARN }],
        [{ Id: 'new', Arn: pick(['not-an-arn', 42, '']) }],
        [{ Id: 'new', Arn: QUEUE_ARN, InputTransformer: { InputTemplate: pick([42, '<unclosed']) , InputPathsMap: { a: 'no-dollar' } } }],
        [{ Id: 'new', Arn: QUEUE_ARN, InputPath: pick(['not a path', 7]) }],
        hostileValue(),
        Array.from({ length: 11 }, (_, i) => ({ Id: `t${i}`, Arn: QUEUE_ARN })),
      ]);
      break;
    case 'RemoveTargets':
      body.Rule = pick(['kept-rule', hostileValue()]);
      body.EventBusName = pick(['kept-bus', hostileValue()]);
      body.Ids = pick([hostileValue(), [], Array.from({ length: 101 }, (_, i) => `id${i}`), [pick(WRONG_TYPES)]]);
      break;
    case 'DeleteEventBus':
    case 'CreateEventBus':
      body.Name = pick([...BAD_BUS_NAMES, ...WRONG_TYPES, 'default']);
      break;
    default:
      // Rules named here never exist or are bad names; buses are bad too.
      body.Name = pick([...BAD_NAMES, ...WRONG_TYPES]);
      body.Rule = pick([...BAD_NAMES, ...WRONG_TYPES]);
      body.EventBusName = pick(['kept-bus', hostileValue()]);
      if (random() < 0.5) body.Entries = pick([hostileValue(), [], Array.from({ length: 11 }, () => ({}))]);
      if (random() < 0.5) body.EventPattern = pick(BAD_PATTERNS);
      if (random() < 0.5) body.Limit = pick([0, -1, 'ten', 1e9]);
      if (random() < 0.5) body.NextToken = hostileValue();
  }
  return JSON.stringify(body);
}

async function start() {
  const app = await startStratus(['examples/hello'], { stateDir });
  started.push(app);
  return { app, events: new EventBridgeClient({ endpoint: app.edgeUrl, region: 'us-east-1', credentials }) };
}

async function storedState(events: EventBridgeClient) {
  const buses = (await events.send(new ListEventBusesCommand({}))).EventBuses!.map((b) => [b.Name, b.Arn, b.Description]);
  const rules = (await events.send(new ListRulesCommand({ EventBusName: 'kept-bus' }))).Rules!;
  const described = await Promise.all(rules.map((r) => events.send(new DescribeRuleCommand({ Name: r.Name, EventBusName: 'kept-bus' }))));
  const targets = await Promise.all(rules.map((r) => events.send(new ListTargetsByRuleCommand({ Rule: r.Name, EventBusName: 'kept-bus' }))));
  const defaultRules = (await events.send(new ListRulesCommand({}))).Rules!.map((r) => r.Name);
  return {
    buses,
    rules: described.map((d) => [d.Name, d.State, d.EventPattern, d.Description]),
    targets: targets.map((t) => t.Targets),
    defaultRules,
  };
}

test('hostile EventBridge requests get 4xx JSON errors and change nothing stored, also after a restart', { timeout: 180_000 }, async () => {
  let { app, events } = await start();
  await events.send(new CreateEventBusCommand({ Name: 'kept-bus', Description: 'keep me' }));
  await events.send(new PutRuleCommand({ Name: 'kept-rule', EventBusName: 'kept-bus', EventPattern: '{"source":["kept"]}', Description: 'kept' }));
  await events.send(new PutTargetsCommand({ Rule: 'kept-rule', EventBusName: 'kept-bus', Targets: [{ Id: 'q', Arn: QUEUE_ARN, Input: '{"k":1}' }] }));
  const before = await storedState(events);

  for (let i = 0; i < 300; i++) {
    const operation = pick(OPERATIONS);
    const body = hostileBody(operation);
    const res = await fetch(app.edgeUrl, {
      method: 'POST',
      headers: { 'content-type': pick(['application/x-amz-json-1.1', 'application/json', 'text/plain']), 'x-amz-target': `AWSEvents.${operation}`, authorization: SCOPE },
      body,
    });
    const text = await res.text();
    assert.ok(res.status < 500, `${operation} ${body.slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`);
    if (res.status >= 400) assert.ok(typeof (JSON.parse(text) as { __type?: unknown }).__type === 'string', `${operation} → ${text.slice(0, 300)}`);
  }
  assert.equal(app.child.exitCode, null, 'still running');
  assert.deepEqual(await storedState(events), before);

  events.destroy();
  assert.equal(await app.stop(), 0);
  ({ app, events } = await start());
  assert.deepEqual(await storedState(events), before);
  events.destroy();
  await app.stop();
});

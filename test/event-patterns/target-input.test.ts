import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { shapeTargetInput, TargetInputError, validateTargetInput } from '../../src/services/events/patterns';

// The example EC2 event of "Amazon EventBridge input transformation" (EventBridge User Guide).
const EVENT = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' },
};
const PATHS = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };
const CONTEXT = { ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example', ruleName: 'example', targetId: 't1' };

const transform = (template: string, paths: Record<string, string> = PATHS) =>
  shapeTargetInput(EVENT, { InputTransformer: { InputPathsMap: paths, InputTemplate: template } }, CONTEXT);

describe('InputTransformer: the documented input/output table', () => {
  // Each row of the "Input transform examples" table, Amazon EventBridge input transformation.
  it('Simple string', () => {
    assert.equal(transform('"instance <instance> is in <state>"'), '"instance i-0123456789 is in RUNNING"');
  });

  it('String with escaped quotes', () => {
    assert.equal(transform('"instance \\"<instance>\\" is in <state>"'), '"instance \\"i-0123456789\\" is in RUNNING"');
  });

  it('Simple JSON', () => {
    const output = transform('{\n  "instance" : <instance>,\n  "state": <state>\n}');
    assert.deepEqual(JSON.parse(output), { instance: 'i-0123456789', state: 'RUNNING' });
    assert.equal(output, '{"instance":"i-0123456789","state":"RUNNING"}');
  });

  it('JSON with strings and variables', () => {
    const output = transform(
      '{\n "instance" : <instance>,\n "state": "<state>",\n "instanceStatus": "instance \\"<instance>\\" is in <state>"\n}',
    );
    assert.deepEqual(JSON.parse(output), {
      instance: 'i-0123456789',
      state: 'RUNNING',
      instanceStatus: 'instance "i-0123456789" is in RUNNING',
    });
  });

  it('JSON with a mix of variables and static information', () => {
    const output = transform('{\n  "instance" : <instance>,\n  "state": [ 9, <state>, true ],\n  "Transformed" : "Yes"\n}');
    assert.deepEqual(JSON.parse(output), { instance: 'i-0123456789', state: [9, 'RUNNING', true], Transformed: 'Yes' });
  });

  it('Including reserved variables in JSON', () => {
    const output = transform(
      '{\n  "instance" : <instance>,\n  "state": <state>,\n  "ruleArn" : <aws.events.rule-arn>,\n  "ruleName" : <aws.events.rule-name>,\n  "originalEvent" : <aws.events.event.json>\n}',
    );
    assert.deepEqual(JSON.parse(output), {
      instance: 'i-0123456789',
      state: 'RUNNING',
      ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
      ruleName: 'example',
      originalEvent: EVENT,
    });
  });

  it('Including reserved variables in a string', () => {
    assert.equal(transform('"<aws.events.rule-name> triggered"'), '"example triggered"');
  });
});

describe('InputTransformer details', () => {
  it('aws.events.event is the event without detail; ingestion time is ISO 8601', () => {
    const output = shapeTargetInput(
      EVENT,
      { InputTransformer: { InputTemplate: '{"e": <aws.events.event>, "t": "<aws.events.event.ingestion-time>"}' } },
      { ingestionTime: new Date('2015-11-11T21:29:55.123Z') },
    );
    const parsed = JSON.parse(output);
    assert.equal(parsed.t, '2015-11-11T21:29:55Z');
    assert.equal(parsed.e.detail, undefined);
    assert.equal(parsed.e.detailType, 'EC2 Instance State-change Notification');
  });

  // AWS-observed in LocalStack's validated snapshots: a path that matches nothing gives "" in text.
  it('missing paths: empty in strings and plain text, null in JSON position', () => {
    const paths = { ...PATHS, missing: '$.detail.nope' };
    assert.equal(transform('"state <missing>!"', paths), '"state !"');
    assert.equal(transform('<missing> is <state>', paths), ' is RUNNING');
    assert.equal(transform('{"a": <missing>, "b": "<missing>"}', paths), '{"a":null,"b":""}');
  });

  it('objects, arrays and numbers are inserted as JSON', () => {
    const paths = { detail: '$.detail', resources: '$.resources', first: '$.resources[0]' };
    const output = transform('{"d": <detail>, "r": <resources>, "f": <first>}', paths);
    assert.deepEqual(JSON.parse(output), { d: EVENT.detail, r: EVENT.resources, f: EVENT.resources[0] });
    // Inside quotes nothing is escaped ("EventBridge doesn't escape values extracted by Input Path").
    assert.equal(transform('{"text": "<detail>"}', paths), `{"text": "${JSON.stringify(EVENT.detail)}"}`);
  });

  it('rejects placeholders not in the map, with AWS wording', () => {
    assert.throws(() => transform('"<notdefinedkey>"'), {
      name: 'TargetInputError',
      code: 'ValidationException',
      message: 'InputTemplate for target t1 contains invalid placeholder notdefinedkey.',
    });
  });

  it('rejects more than 100 paths, bad keys, bad JSONPath and placeholders used as keys', () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, '$.id']));
    assert.throws(() => transform('"x"', many), TargetInputError);
    assert.doesNotThrow(() => transform('"x"', Object.fromEntries(Object.entries(many).slice(0, 100))));
    assert.throws(() => transform('"x"', { 'a.b': '$.id' }), TargetInputError);
    assert.throws(() => transform('"x"', { a: 'detail.state' }), TargetInputError);
    assert.throws(() => transform('"x"', { a: '$.detail..state' }), TargetInputError);
    assert.throws(() => transform('{<instance>: 1}'), /Invalid InputTemplate for target t1/);
  });
});

describe('Input and InputPath', () => {
  it('Input is sent as given', () => {
    assert.equal(shapeTargetInput(EVENT, { Input: '{"fixed": true}' }), '{"fixed": true}');
    assert.throws(() => validateTargetInput({ Input: '{oops' }, 't1'), TargetInputError);
  });

  it('InputPath selects part of the event with dot and bracket paths', () => {
    assert.equal(shapeTargetInput(EVENT, { InputPath: '$.detail' }), JSON.stringify(EVENT.detail));
    assert.equal(shapeTargetInput(EVENT, { InputPath: '$.detail.state' }), '"RUNNING"');
    assert.equal(shapeTargetInput(EVENT, { InputPath: "$['detail']['instance-id']" }), '"i-0123456789"');
    assert.equal(shapeTargetInput(EVENT, { InputPath: '$.resources[0]' }), JSON.stringify(EVENT.resources[0]));
    assert.equal(shapeTargetInput(EVENT, { InputPath: '$.detail.*' }), '["i-0123456789","RUNNING"]');
    assert.equal(shapeTargetInput(EVENT, { InputPath: '$' }), JSON.stringify(EVENT));
  });

  it('no input settings: the whole event', () => {
    assert.equal(shapeTargetInput(EVENT, {}), JSON.stringify(EVENT));
  });

  // AWS's wording, from LocalStack's validated snapshot (test_put_event_input_path_and_input_transformer).
  it('only one of Input, InputPath and InputTransformer', () => {
    assert.throws(() => validateTargetInput({ Input: '{}', InputPath: '$.detail' }, 'my-target'), {
      message: 'Only one of Input, InputPath, or InputTransformer must be provided for target my-target.',
    });
  });
});

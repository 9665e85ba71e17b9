import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilterPolicy, FilterPolicyError, type MessageAttribute } from '../../src/services/topics/filter-policy';

type Attributes = Record<string, MessageAttribute>;
const str = (Value: string): MessageAttribute => ({ Type: 'String', Value });
const num = (Value: string): MessageAttribute => ({ DataType: 'Number', StringValue: Value });
const arr = (values: unknown[]): MessageAttribute => ({ Type: 'String.Array', Value: JSON.stringify(values) });

const byAttributes = (policy: object, attributes: Attributes) =>
  compileFilterPolicy(policy, 'MessageAttributes').matches({ body: 'hello', attributes });
const byBody = (policy: object, body: unknown) =>
  compileFilterPolicy(policy, 'MessageBody').matches({ body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('SNS attribute matching', () => {
  // String value matching (Amazon SNS Developer Guide), "Exact matching".
  it('exact strings, including each element of a String.Array', () => {
    const policy = { customer_interests: ['rugby', 'tennis'] };
    assert.equal(byAttributes(policy, { customer_interests: str('rugby') }), true);
    assert.equal(byAttributes(policy, { customer_interests: arr(['rugby', 'tennis']) }), true);
    assert.equal(byAttributes(policy, { customer_interests: str('baseball') }), false);
    assert.equal(byAttributes(policy, { customer_interests: arr(['baseball']) }), false);
    assert.equal(byAttributes(policy, {}), false);
  });

  // Numeric value matching (Amazon SNS Developer Guide).
  it('numbers and numeric ranges against Number attributes', () => {
    assert.equal(byAttributes({ price_usd: [{ numeric: ['>=', 100, '<', 200] }] }, { price_usd: num('150.5') }), true);
    assert.equal(byAttributes({ price_usd: [{ numeric: ['>=', 100, '<', 200] }] }, { price_usd: num('200') }), false);
    assert.equal(byAttributes({ price_usd: [300] }, { price_usd: num('3.0e2') }), true);
    assert.equal(byAttributes({ price_usd: [{ numeric: ['=', 301.5] }] }, { price_usd: num('301.5') }), true);
    // A String attribute is text, not a number.
    assert.equal(byAttributes({ price_usd: [{ numeric: ['>', 1] }] }, { price_usd: str('5') }), false);
  });

  it('Binary attributes are never compared', () => {
    const binary: MessageAttribute = { DataType: 'Binary', StringValue: 'AAEC' };
    assert.equal(byAttributes({ blob: ['AAEC'] }, { blob: binary }), false);
    assert.equal(byAttributes({ blob: [{ exists: false }] }, { blob: binary }), true);
  });

  it('prefix, suffix, equals-ignore-case', () => {
    assert.equal(byAttributes({ c: [{ prefix: 'bas' }] }, { c: str('baseball') }), true);
    assert.equal(byAttributes({ c: [{ prefix: 'bat' }] }, { c: str('baseball') }), false);
    assert.equal(byAttributes({ c: [{ suffix: 'ball' }] }, { c: str('baseball') }), true);
    assert.equal(byAttributes({ c: [{ suffix: 'bat' }] }, { c: str('baseball') }), false);
    assert.equal(byAttributes({ c: [{ 'equals-ignore-case': 'BaseBall' }] }, { c: str('baseball') }), true);
    assert.equal(byAttributes({ c: [{ 'equals-ignore-case': 'Base' }] }, { c: str('baseball') }), false);
  });

  it('anything-but: values, mixed lists and prefix', () => {
    assert.equal(byAttributes({ c: [{ 'anything-but': ['rugby', 'tennis'] }] }, { c: str('baseball') }), true);
    assert.equal(byAttributes({ c: [{ 'anything-but': ['rugby', 'tennis'] }] }, { c: str('rugby') }), false);
    assert.equal(byAttributes({ c: [{ 'anything-but': ['rugby', 100] }] }, { c: num('100') }), false);
    assert.equal(byAttributes({ c: [{ 'anything-but': { prefix: 'bas' } }] }, { c: str('rugby') }), true);
    assert.equal(byAttributes({ c: [{ 'anything-but': { prefix: 'bas' } }] }, { c: str('baseball') }), false);
    assert.equal(byAttributes({ c: [{ 'anything-but': 'x' }] }, {}), false);
  });

  // Key matching (Amazon SNS Developer Guide).
  it('exists', () => {
    assert.equal(byAttributes({ store: [{ exists: true }] }, { store: str('example_corp') }), true);
    assert.equal(byAttributes({ store: [{ exists: true }] }, {}), false);
    assert.equal(byAttributes({ store: [{ exists: false }] }, {}), true);
    assert.equal(byAttributes({ store: [{ exists: false }] }, { store: str('x') }), false);
  });

  it('cidr', () => {
    assert.equal(byAttributes({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: str('10.0.0.7') }), true);
    assert.equal(byAttributes({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: str('10.0.1.7') }), false);
  });

  // AND/OR logic (Amazon SNS Developer Guide), "OR operator".
  it('AND across keys, $or across key sets', () => {
    const policy = { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] };
    assert.equal(byAttributes(policy, { source: str('aws.cloudwatch'), namespace: str('AWS/EC2') }), true);
    assert.equal(byAttributes(policy, { source: str('aws.cloudwatch'), namespace: str('AWS/ES') }), false);
    assert.equal(byAttributes(policy, { source: str('aws.ec2'), metricName: str('CPUUtilization') }), false);
  });

  it('an empty policy accepts every message', () => {
    assert.equal(byAttributes({}, {}), true);
    assert.equal(byBody({}, 'not json'), true);
  });
});

describe('SNS body matching (FilterPolicyScope MessageBody)', () => {
  it('nested keys and arrays in the body', () => {
    const policy = { store: ['example_corp'], order: { price_usd: [{ numeric: ['>', 100] }] } };
    assert.equal(byBody(policy, { store: 'example_corp', order: { price_usd: 250 } }), true);
    assert.equal(byBody(policy, { store: 'example_corp', order: { price_usd: 50 } }), false);
    assert.equal(byBody({ tags: ['a'] }, { tags: ['b', 'a'] }), true);
  });

  it('a body that is not a JSON object never matches', () => {
    assert.equal(byBody({ store: [{ exists: false }] }, 'plain text'), false);
    assert.equal(byBody({ store: [{ exists: false }] }, '[1]'), false);
  });
});

function messageFor(policy: unknown, scope: 'MessageAttributes' | 'MessageBody' = 'MessageAttributes'): string {
  try {
    compileFilterPolicy(policy, scope);
  } catch (err) {
    assert.ok(err instanceof FilterPolicyError);
    assert.equal(err.code, 'InvalidParameter');
    return err.message;
  }
  assert.fail('the policy was accepted');
}

describe('SNS filter policy validation (InvalidParameter)', () => {
  // Messages AWS-validated in LocalStack's SNS filter-policy tests; limits from "Filter policy constraints in Amazon SNS".
  it('bad JSON, non-array values, empty arrays', () => {
    assert.equal(messageFor('{invalidjson}'), 'Invalid parameter: FilterPolicy: failed to parse JSON.');
    assert.equal(messageFor({ key_a: 'value' }), 'Invalid parameter: FilterPolicy: "key_a" must be an object or an array');
    assert.equal(messageFor({ key_a: [] }), 'Invalid parameter: FilterPolicy: Empty arrays are not allowed');
  });

  it('at most five keys', () => {
    const six = { a: [1], b: [1], c: [1], d: [1], e: [1], f: [1] };
    assert.equal(messageFor(six), 'Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys');
  });

  it('at most 150 combinations, nested keys weighed by depth', () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    assert.equal(messageFor({ a: values(13), b: values(12) }), 'Invalid parameter: FilterPolicy: Filter policy is too complex');
    assert.doesNotThrow(() => compileFilterPolicy({ a: values(10), b: values(15) }, 'MessageAttributes'));
    // The documented example: 3 × 4 × 2 × 3 = 72.
    const nested = { key_a: { key_b: { key_c: values(4) } }, key_d: { key_e: values(3) } };
    assert.doesNotThrow(() => compileFilterPolicy(nested, 'MessageBody'));
  });

  it('no nesting for MessageAttributes', () => {
    assert.equal(
      messageFor({ a: { b: ['x'] } }),
      'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy',
    );
  });

  it('operators SNS does not have, and Ruler operator errors', () => {
    assert.equal(messageFor({ a: [{ wildcard: 'x*' }] }), 'Invalid parameter: FilterPolicy: Unrecognized match type wildcard');
    assert.equal(messageFor({ a: [{ 'anything-but': { suffix: 'x' } }] }), 'Invalid parameter: FilterPolicy: Unsupported anything-but pattern: suffix');
    assert.equal(messageFor({ a: [{ prefix: { 'equals-ignore-case': 'x' } }] }), 'Invalid parameter: FilterPolicy: prefix match pattern must be a string');
    assert.equal(messageFor({ a: [{ exists: 1 }] }), 'Invalid parameter: FilterPolicy: exists match pattern must be either true or false.');
    assert.equal(messageFor({ a: [{ numeric: ['>', 5, '<', 1] }] }), 'Invalid parameter: FilterPolicy: Bottom must be less than top');
    assert.equal(messageFor({ a: [{ numeric: ['>', 2e9] }] }), 'Invalid parameter: FilterPolicy: Value must be between -1.0E9 and 1.0E9, inclusive');
    assert.equal(messageFor({ a: [{ cidr: '10.0.0.0' }] }), "Invalid parameter: FilterPolicy: Malformed CIDR, one '/' required");
    assert.equal(messageFor({ a: [{ prefix: 'x', suffix: 'y' }] }), 'Invalid parameter: FilterPolicy: Only one key allowed in match expression');
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileEventPattern, EventPatternError } from '../../src/services/events/patterns';

function reasonFor(pattern: unknown): string {
  try {
    compileEventPattern(pattern);
  } catch (err) {
    assert.ok(err instanceof EventPatternError);
    assert.equal(err.code, 'InvalidEventPatternException');
    assert.equal(err.message, `Event pattern is not valid. Reason: ${err.reason}`);
    return err.reason;
  }
  assert.fail('the pattern was accepted');
}

describe('event pattern validation (InvalidEventPatternException reasons)', () => {
  // Reasons captured from AWS in LocalStack's validated snapshots (test_events_patterns.snapshot.json).
  it('AWS-captured reasons', () => {
    assert.equal(reasonFor({ int: 42 }), '"int" must be an object or an array');
    assert.equal(reasonFor({ string: 'my-value' }), '"string" must be an object or an array');
    assert.equal(reasonFor({ resources: [] }), 'Empty arrays are not allowed');
    assert.equal(reasonFor({ detail: { equal: [{ NUMERIC: ['=', 5] }] } }), 'Unrecognized match type NUMERIC');
    assert.equal(reasonFor({ my_key: [{ EXISTS: true }] }), 'Unrecognized match type EXISTS');
    assert.equal(reasonFor({ detail: { 'c-count': [{ numeric: ['>', 0, '>', 0] }] } }), 'Bad numeric range operator: >');
    assert.equal(reasonFor({ detail: { 'c-count': [{ numeric: ['>', 0, '<'] }] } }), 'Value of < must be numeric');
    // cloud-custodian issue #6507 quotes AWS: "Empty objects are not allowed".
    assert.equal(reasonFor({ source: ['aws.health'], detail: {} }), 'Empty objects are not allowed');
  });

  it('the pattern must be an object; an empty pattern is rejected', () => {
    assert.equal(reasonFor([1]), 'Filter is not an object');
    assert.equal(reasonFor('"text"'), 'Filter is not an object');
    assert.equal(reasonFor({}), 'Empty objects are not allowed');
  });

  it('leaf values and match expressions', () => {
    assert.equal(reasonFor({ a: [[1]] }), 'Match value must be String, number, true, false, or null');
    assert.equal(reasonFor({ a: [{}] }), 'Match expression name not found');
    assert.equal(reasonFor({ a: [{ prefix: 'x', suffix: 'y' }] }), 'Only one key allowed in match expression');
    assert.equal(reasonFor({ a: [{ prefix: 1 }] }), 'prefix match pattern must be a string');
    assert.equal(reasonFor({ a: [{ prefix: { foo: 'x' } }] }), 'Unsupported prefix pattern: foo');
    assert.equal(reasonFor({ a: [{ suffix: true }] }), 'suffix match pattern must be a string');
    assert.equal(reasonFor({ a: [{ 'equals-ignore-case': 1 }] }), 'equals-ignore-case match pattern must be a string');
    assert.equal(reasonFor({ a: [{ exists: 'yes' }] }), 'exists match pattern must be either true or false.');
  });

  it('numeric expressions and the ±5e9 limit', () => {
    assert.equal(reasonFor({ a: [{ numeric: 5 }] }), 'Value of numeric must be an array.');
    assert.equal(reasonFor({ a: [{ numeric: [] }] }), 'Invalid member in numeric match: ]');
    assert.equal(reasonFor({ a: [{ numeric: ['!', 5] }] }), 'Unrecognized numeric range operator: !');
    assert.equal(reasonFor({ a: [{ numeric: ['=', 'x'] }] }), 'Value of equals must be numeric');
    assert.equal(reasonFor({ a: [{ numeric: ['<', 5, '>', 1] }] }), 'Too many elements in numeric expression');
    assert.equal(reasonFor({ a: [{ numeric: ['>', 5, '<', 1] }] }), 'Bottom must be less than top');
    assert.equal(reasonFor({ a: [{ numeric: ['>', 1, '<', 5, 6] }] }), 'Too many terms in numeric range expression');
    assert.equal(reasonFor({ a: [{ numeric: ['>', 5e9 + 1] }] }), 'Value must be between -5.0E9 and 5.0E9, inclusive');
    assert.doesNotThrow(() => compileEventPattern({ a: [{ numeric: ['>=', -5e9, '<=', 4e9] }] }));
  });

  it('anything-but forms', () => {
    assert.equal(reasonFor({ a: [{ 'anything-but': null }] }), 'Value of anything-but must be an array or single string/number value.');
    assert.equal(reasonFor({ a: [{ 'anything-but': ['a', 1] }] }), 'Inside anything but list, either all values are number or string, mixed type is not supported');
    assert.equal(reasonFor({ a: [{ 'anything-but': [true] }] }), 'Inside anything but list, start|null|boolean is not supported.');
    assert.equal(reasonFor({ a: [{ 'anything-but': { numeric: ['>', 1] } }] }), 'Unsupported anything-but pattern: numeric');
    assert.equal(reasonFor({ a: [{ 'anything-but': { prefix: '' } }] }), 'Null prefix/suffix not allowed');
    assert.equal(reasonFor({ a: [{ 'anything-but': { suffix: [1] } }] }), 'prefix/suffix match pattern must be a string');
    assert.equal(reasonFor({ a: [{ 'anything-but': { 'equals-ignore-case': 1 } }] }), 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
    assert.equal(reasonFor({ a: [{ 'anything-but': { wildcard: 'a**' } }] }), 'Consecutive wildcard characters at pos 2');
  });

  it('wildcard: consecutive stars and bad escapes', () => {
    assert.equal(reasonFor({ a: [{ wildcard: 'ab**c' }] }), 'Consecutive wildcard characters at pos 3');
    assert.equal(reasonFor({ a: [{ wildcard: 'a\\b' }] }), 'Invalid escape character at pos 2');
    assert.equal(reasonFor({ a: [{ wildcard: 1 }] }), 'wildcard match pattern must be a string');
  });

  it('cidr', () => {
    assert.equal(reasonFor({ a: [{ cidr: 1 }] }), 'prefix match pattern must be a string');
    assert.equal(reasonFor({ a: [{ cidr: '10.0.0.0' }] }), "Malformed CIDR, one '/' required");
    assert.equal(reasonFor({ a: [{ cidr: '10.0.0.0/x' }] }), 'Malformed CIDR, mask bits must be an integer');
    assert.equal(reasonFor({ a: [{ cidr: '10.0.0.0/32' }] }), 'IPv4 mask bits must be < 32');
    assert.equal(reasonFor({ a: [{ cidr: 'host/8' }] }), 'Nonstandard IP address: host');
    assert.equal(reasonFor({ a: [{ cidr: '999.0.0.1/8' }] }), 'Invalid IP address: 999.0.0.1');
  });

  it('$or', () => {
    assert.equal(reasonFor({ $or: { a: [1] } }), 'It must be an Array followed with $or.');
    assert.equal(reasonFor({ $or: [{ a: [1] }] }), 'There must have at least 2 Objects in $or relationship.');
    assert.equal(reasonFor({ $or: [{ a: [1] }, 'b'] }), 'Only JSON object is allowed in array of $or relationship.');
    assert.equal(reasonFor({ $or: [{ numeric: [1] }, { prefix: ['abc'] }] }), 'numeric is Ruler reserved fieldName which cannot be used inside $or.');
  });

  it('pattern text: bad JSON and the 4096-character limit', () => {
    assert.throws(() => compileEventPattern('{"a": ['), EventPatternError);
    const long = JSON.stringify({ a: ['x'.repeat(4100)] });
    assert.throws(() => compileEventPattern(long), { code: 'ValidationException' });
  });
});

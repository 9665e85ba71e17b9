import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileEventPattern, testEventPattern } from '../../src/services/events/patterns';

const matches = (pattern: object, event: object) => compileEventPattern(pattern).matches(event);

// The sample event of Event Ruler's README and of "Content filtering in Amazon EventBridge event patterns".
const EC2_EVENT = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', 'instance-id': 'i-000000aaaaaa00000', state: 'running' },
};

describe('exact values', () => {
  it('matches strings, numbers, booleans and null in the value array', () => {
    assert.equal(matches({ source: ['aws.ec2'] }, EC2_EVENT), true);
    assert.equal(matches({ source: ['aws.s3'] }, EC2_EVENT), false);
    assert.equal(matches({ detail: { 'c-count': [5] } }, EC2_EVENT), true);
    assert.equal(matches({ detail: { 'c-count': ['5'] } }, EC2_EVENT), false);
    assert.equal(matches({ detail: { 'x-limit': [3.018e2] } }, EC2_EVENT), true);
    assert.equal(matches({ a: [true] }, { a: true }), true);
    assert.equal(matches({ a: [true] }, { a: 'true' }), false);
    assert.equal(matches({ a: [null] }, { a: null }), true);
    assert.equal(matches({ a: [''] }, { a: '' }), true);
  });

  // "Matching null values and empty strings in Amazon EventBridge event patterns".
  it('null does not match a missing field, and is not an empty string', () => {
    assert.equal(matches({ a: [null] }, { b: 1 }), false);
    assert.equal(matches({ a: [null] }, { a: '' }), false);
  });

  it('matches nested fields and requires every field (AND)', () => {
    // Event Ruler README "Simple matching".
    const pattern = {
      'detail-type': ['EC2 Instance State-change Notification'],
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
      detail: { state: ['initializing', 'running'] },
    };
    assert.equal(matches(pattern, EC2_EVENT), true);
    assert.equal(matches(pattern, { ...EC2_EVENT, detail: { state: 'stopped' } }), false);
  });

  // "Arrays in Amazon EventBridge event patterns": a match if the arrays intersect.
  it('matches an array in the event when any element matches', () => {
    assert.equal(matches({ resources: ['b', 'z'] }, { resources: ['a', 'b'] }), true);
    assert.equal(matches({ resources: ['z'] }, { resources: ['a', 'b'] }), false);
  });

  it('needs one array element to satisfy a whole object pattern', () => {
    const event = { items: [{ kind: 'a', size: 1 }, { kind: 'b', size: 2 }] };
    assert.equal(matches({ items: { kind: ['a'], size: [1] } }, event), true);
    assert.equal(matches({ items: { kind: ['a'], size: [2] } }, event), false);
  });

  it('compares IP literals by address', () => {
    assert.equal(matches({ ip: ['::1'] }, { ip: '0:0:0:0:0:0:0:1' }), true);
  });
});

describe('prefix and suffix', () => {
  it('prefix matches the start of strings only', () => {
    assert.equal(matches({ time: [{ prefix: '2017-10-02' }] }, EC2_EVENT), true);
    assert.equal(matches({ time: [{ prefix: '2017-10-03' }] }, EC2_EVENT), false);
    assert.equal(matches({ n: [{ prefix: '1' }] }, { n: 12 }), false);
  });

  it('prefix with equals-ignore-case', () => {
    assert.equal(matches({ source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] }, EC2_EVENT), true);
    assert.equal(matches({ source: [{ prefix: { 'equals-ignore-case': 'AWS.S' } }] }, EC2_EVENT), false);
  });

  it('suffix, plain and ignoring case', () => {
    assert.equal(matches({ source: [{ suffix: 'ec2' }] }, EC2_EVENT), true);
    assert.equal(matches({ source: [{ suffix: 'EC2' }] }, EC2_EVENT), false);
    assert.equal(matches({ source: [{ suffix: { 'equals-ignore-case': 'EC2' } }] }, EC2_EVENT), true);
  });
});

describe('equals-ignore-case and wildcard', () => {
  it('equals-ignore-case', () => {
    assert.equal(matches({ source: [{ 'equals-ignore-case': 'AWS.EC2' }] }, EC2_EVENT), true);
    assert.equal(matches({ source: [{ 'equals-ignore-case': 'AWS.EC' }] }, EC2_EVENT), false);
  });

  it('wildcard matches any run of characters, escapes are literal', () => {
    assert.equal(matches({ s: [{ wildcard: 'Simple*Service' }] }, { s: 'SimpleQueueService' }), true);
    assert.equal(matches({ s: [{ wildcard: 'Simple*Service' }] }, { s: 'SimpleService' }), true);
    assert.equal(matches({ s: [{ wildcard: 'Simple*Service' }] }, { s: 'SimpleQueue' }), false);
    assert.equal(matches({ s: [{ wildcard: 'a\\*b' }] }, { s: 'a*b' }), true);
    assert.equal(matches({ s: [{ wildcard: 'a\\*b' }] }, { s: 'axb' }), false);
    assert.equal(matches({ s: [{ wildcard: '*' }] }, { s: '' }), true);
    assert.equal(matches({ s: [{ wildcard: 'dir/*.png' }] }, { s: 'dir/é.png' }), true);
    assert.equal(matches({ s: [{ wildcard: '*' }] }, { s: 5 }), false);
  });
});

describe('anything-but', () => {
  // Content filtering in Amazon EventBridge event patterns, "Anything-but matching".
  it('single string and single number', () => {
    assert.equal(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, EC2_EVENT), true);
    assert.equal(matches({ detail: { state: [{ 'anything-but': 'running' }] } }, EC2_EVENT), false);
    assert.equal(matches({ detail: { 'x-limit': [{ 'anything-but': 123 }] } }, EC2_EVENT), true);
    assert.equal(matches({ detail: { 'c-count': [{ 'anything-but': 5 }] } }, EC2_EVENT), false);
  });

  it('lists of strings and of numbers', () => {
    assert.equal(matches({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, EC2_EVENT), true);
    assert.equal(matches({ detail: { state: [{ 'anything-but': ['stopped', 'running'] }] } }, EC2_EVENT), false);
    assert.equal(matches({ detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, EC2_EVENT), true);
    assert.equal(matches({ detail: { 'c-count': [{ 'anything-but': [5, 6] }] } }, EC2_EVENT), false);
  });

  it('never matches a missing field; passes null and values of the other type', () => {
    assert.equal(matches({ a: [{ 'anything-but': 'x' }] }, {}), false);
    assert.equal(matches({ a: [{ 'anything-but': 'x' }] }, { a: null }), true);
    assert.equal(matches({ a: [{ 'anything-but': '5' }] }, { a: 5 }), true);
    assert.equal(matches({ a: [{ 'anything-but': 5 }] }, { a: '5' }), true);
  });

  it('matches an array when any element is not excluded', () => {
    assert.equal(matches({ a: [{ 'anything-but': 'x' }] }, { a: ['x', 'y'] }), true);
    assert.equal(matches({ a: [{ 'anything-but': 'x' }] }, { a: ['x'] }), false);
  });

  it('prefix, suffix, wildcard and equals-ignore-case exclusions', () => {
    assert.equal(matches({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, EC2_EVENT), true);
    assert.equal(matches({ detail: { state: [{ 'anything-but': { prefix: 'run' } }] } }, EC2_EVENT), false);
    assert.equal(matches({ f: [{ 'anything-but': { suffix: '.png' } }] }, { f: 'a.jpg' }), true);
    assert.equal(matches({ f: [{ 'anything-but': { suffix: ['.png', '.jpg'] } }] }, { f: 'a.jpg' }), false);
    assert.equal(matches({ f: [{ 'anything-but': { wildcard: '*/bin/*.jar' } }] }, { f: '/usr/bin/x.jar' }), false);
    assert.equal(matches({ f: [{ 'anything-but': { wildcard: '*/bin/*.jar' } }] }, { f: '/usr/lib/x.jar' }), true);
    assert.equal(matches({ f: [{ 'anything-but': { 'equals-ignore-case': ['A', 'B'] } }] }, { f: 'a' }), false);
    assert.equal(matches({ f: [{ 'anything-but': { 'equals-ignore-case': 'A' } }] }, { f: 'c' }), true);
    assert.equal(matches({ f: [{ 'anything-but': { prefix: 'a' } }] }, { f: 12 }), true);
  });
});

describe('numeric', () => {
  // Content filtering in Amazon EventBridge event patterns, "Numeric matching".
  it('ranges and equality on JSON numbers', () => {
    const pattern = {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    };
    assert.equal(matches(pattern, EC2_EVENT), true);
    assert.equal(matches(pattern, { detail: { ...EC2_EVENT.detail, 'c-count': 6 } }), false);
    assert.equal(matches(pattern, { detail: { ...EC2_EVENT.detail, 'c-count': 0 } }), false);
    assert.equal(matches(pattern, { detail: { ...EC2_EVENT.detail, 'd-count': 10 } }), false);
  });

  it('each operator at its boundary', () => {
    const at = (terms: unknown[], value: unknown) => matches({ n: [{ numeric: terms }] }, { n: value });
    assert.equal(at(['>=', 5], 5), true);
    assert.equal(at(['>', 5], 5), false);
    assert.equal(at(['<=', 5], 5), true);
    assert.equal(at(['<', 5], 5), false);
    assert.equal(at(['>=', 1, '<', 2], 1.999999), true);
    assert.equal(at(['=', 5], '5'), false);
    assert.equal(at(['>', 0], 6e9), false);
    // Six digits after the decimal point are compared (Ruler's fixed-point numbers).
    assert.equal(at(['=', 0.1], 0.1000001), true);
  });
});

describe('exists', () => {
  // Content filtering in Amazon EventBridge event patterns, "Exists matching".
  it('true needs a leaf value; false matches absence or an object (not a leaf)', () => {
    assert.equal(matches({ detail: { 'c-count': [{ exists: true }] } }, EC2_EVENT), true);
    assert.equal(matches({ detail: { 'c-count': [{ exists: false }] } }, EC2_EVENT), false);
    assert.equal(matches({ detail: { 'c-count': [{ exists: false }] } }, { detail: { state: ['initializing', 'running'] } }), true);
    assert.equal(matches({ detail: { 'c-count': [{ exists: false }] } }, { detail: { 'c-count': { c1: 100 } } }), true);
    assert.equal(matches({ detail: { 'c-count': [{ exists: true }] } }, { detail: { 'c-count': null } }), true);
  });
});

describe('cidr', () => {
  // Content filtering in Amazon EventBridge event patterns, "IP address matching".
  it('matches IPv4 and IPv6 addresses in the block', () => {
    assert.equal(matches({ detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, EC2_EVENT), true);
    assert.equal(matches({ detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, EC2_EVENT), false);
    assert.equal(matches({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db8::ff00:42:8329' }), true);
    assert.equal(matches({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db9::1' }), false);
    assert.equal(matches({ ip: [{ cidr: '10.0.0.0/8' }] }, { ip: 'not-an-ip' }), false);
    assert.equal(matches({ ip: [{ cidr: '::ffff:a00:0/120' }] }, { ip: '::ffff:a00:9' }), true);
    // Ruler reads only hex-and-colon IPv6 text, so a dotted IPv4 tail is not an address to it.
    assert.equal(matches({ ip: [{ cidr: '::ffff:a00:0/120' }] }, { ip: '::ffff:10.0.0.9' }), false);
  });
});

describe('$or', () => {
  // Event Ruler README, "The $or Primitive".
  it('combines field sets', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };
    assert.equal(matches(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/ES' }), true);
    assert.equal(matches(pattern, { source: 'aws.cloudwatch', metricName: 'ReadLatency' }), true);
    assert.equal(matches(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/S3' }), false);
    assert.equal(matches(pattern, { source: 'aws.ec2', namespace: 'AWS/ES' }), false);
  });

  it('nests inside objects and inside other $or branches', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        { metricType: ['MetricType'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
      ],
      detail: { $or: [{ a: [1] }, { b: [2] }] },
    };
    const base = { source: 'aws.cloudwatch', detail: { b: 2 } };
    assert.equal(matches(pattern, { ...base, metricType: 'MetricType', spaceId: 1000 }), true);
    assert.equal(matches(pattern, { ...base, metricType: 'MetricType', spaceId: 1 }), false);
    assert.equal(matches(pattern, { ...base, detail: { c: 3 }, metricName: 'CPUUtilization' }), false);
  });
});

describe('testEventPattern', () => {
  const event = { ...EC2_EVENT };
  it('answers the TestEventPattern question from JSON text', () => {
    assert.equal(testEventPattern(JSON.stringify({ source: ['aws.ec2'] }), JSON.stringify(event)), true);
    assert.equal(testEventPattern({ source: ['aws.s3'] }, event), false);
  });

  it('rejects an event without the mandatory fields', () => {
    assert.throws(() => testEventPattern({ source: ['aws.ec2'] }, { source: 'aws.ec2' }), {
      code: 'ValidationException',
      message: 'Parameter Event is not valid.',
    });
  });
});

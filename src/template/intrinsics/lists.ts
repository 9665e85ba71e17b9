import { describe, evaluateString, expectList, type IntrinsicCall } from './call';

/** `Fn::Join`: [delimiter, [values]] → one string. */
export function join(args: unknown, call: IntrinsicCall): string {
  const [delimiter, values] = expectList(args, call, 2, 2, 'a list of two items: [Delimiter, [Values]]');
  if (typeof delimiter !== 'string') throw call.fail('Fn::Join: the delimiter must be a literal string', [0]);
  const list = call.evaluate(values, [1]);
  if (!Array.isArray(list)) throw call.fail(`Fn::Join: the values must be a list, got ${describe(list)}`, [1]);
  return list
    .map((item, index) => {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
      throw call.fail(`Fn::Join: every value must be a string, item ${index} is ${describe(item)}`, [1, index]);
    })
    .join(delimiter);
}

/** `Fn::Split`: [delimiter, string] → list of strings. */
export function split(args: unknown, call: IntrinsicCall): string[] {
  const [delimiter, source] = expectList(args, call, 2, 2, 'a list of two items: [Delimiter, String]');
  if (typeof delimiter !== 'string' || !delimiter) throw call.fail('Fn::Split: the delimiter must be a literal string', [0]);
  return evaluateString(source, call, [1], 'the source').split(delimiter);
}

/** `Fn::Select`: [index, list] → the item; an index out of range is an error, as on AWS. */
export function select(args: unknown, call: IntrinsicCall): unknown {
  const [indexArg, listArg] = expectList(args, call, 2, 2, 'a list of two items: [Index, [Objects]]');
  const index = Number(call.evaluate(indexArg, [0]));
  if (!Number.isInteger(index) || index < 0) throw call.fail('Fn::Select: the index must be a non-negative integer', [0]);
  const list = call.evaluate(listArg, [1]);
  if (!Array.isArray(list)) throw call.fail(`Fn::Select: the second item must be a list, got ${describe(list)}`, [1]);
  if (index >= list.length) throw call.fail(`Fn::Select: index ${index} is out of range for a list of ${list.length}`, [0]);
  return list[index];
}

/** `Fn::Base64`: base64 of the UTF-8 string. */
export function base64(args: unknown, call: IntrinsicCall): string {
  return Buffer.from(evaluateString(args, call, [], 'the value'), 'utf8').toString('base64');
}

/**
 * `Fn::GetAZs`: the region's zones. Stratus has no zones, so it answers three plausible names
 * (us-east-1a, b, c); '' means the stack's region.
 */
export function getAZs(args: unknown, call: IntrinsicCall): string[] {
  const region = evaluateString(args ?? '', call, [], 'the region') || call.scope.pseudo.region;
  return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
}

/** `Fn::Cidr`: [ipBlock, count, cidrBits] → `count` IPv4 subnets of 2^cidrBits addresses. */
export function cidr(args: unknown, call: IntrinsicCall): string[] {
  const [blockArg, countArg, bitsArg] = expectList(args, call, 3, 3, 'a list of three items: [IpBlock, Count, CidrBits]');
  const block = evaluateString(blockArg, call, [0], 'the IP block');
  const count = Number(call.evaluate(countArg, [1]));
  const bits = Number(call.evaluate(bitsArg, [2]));
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(block);
  if (!match) throw call.fail('Fn::Cidr: only IPv4 blocks such as 10.0.0.0/16 are supported', [0]);
  const prefix = Number(match[5]);
  const base = match.slice(1, 5).reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const newPrefix = 32 - bits;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(bits) || newPrefix < prefix || count > 2 ** (newPrefix - prefix)) {
    throw call.fail(`Fn::Cidr: ${count} subnets of ${bits} bits do not fit in ${block}`);
  }
  const start = base - (base % 2 ** (32 - prefix));
  return Array.from({ length: count }, (_, i) => `${ipv4(start + i * 2 ** bits)}/${newPrefix}`);
}

function ipv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

import { isIP } from 'node:net';
import { fail, type ValueMatcher } from './types';

/**
 * IP literals and CIDR blocks as Event Ruler reads them (`cidr` in EventBridge event patterns and
 * SNS filter policies: "IP address matching", Content filtering in Amazon EventBridge event patterns).
 */

// Ruler only tries to read strings of these shapes as addresses; anything else is "nonstandard".
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** The address as a big integer plus its family, or undefined when `text` is no IP literal. */
export interface Address {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/** Ruler reads only the shapes above, so "::ffff:10.0.0.1" (dotted tail) is no address to it. */
export function parseAddress(text: string): Address | undefined {
  if (!looksLikeIp(text)) return undefined;
  const family = isIP(text);
  if (family === 4) return { family, value: ipv4Value(text) };
  if (family === 6) return { family, value: ipv6Value(text) };
  return undefined;
}

function looksLikeIp(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6Value(text: string): bigint {
  const [head, tail = ''] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const expanded = text.includes('::')
    ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups;
  return expanded.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function requireAddress(text: string): Address {
  const shaped = looksLikeIp(text);
  const address = shaped ? parseAddress(text) : undefined;
  if (!address) fail(shaped ? `Invalid IP address: ${text}` : `Nonstandard IP address: ${text}`);
  return address;
}

/**
 * `{"cidr": "10.0.0.0/24"}`. Ruler's range starts at the address as written (host bits are not
 * cleared) and ends with the host bits set; IPv4 masks must be < 32 and IPv6 masks < 128.
 */
export function compileCidr(cidr: unknown): ValueMatcher {
  // Ruler reports a non-string cidr with the prefix wording; kept for fidelity.
  if (typeof cidr !== 'string') fail('prefix match pattern must be a string');
  const parts = cidr.split('/');
  if (parts.length !== 2) fail("Malformed CIDR, one '/' required");
  if (!/^[+-]?\d+$/.test(parts[1])) fail('Malformed CIDR, mask bits must be an integer');
  const maskBits = Number(parts[1]);
  if (maskBits < 0) fail('Malformed CIDR, mask bits must not be negative');
  const base = requireAddress(parts[0]);
  const totalBits = base.family === 4 ? 32 : 128;
  if (maskBits > totalBits - 1) fail(`IPv${base.family} mask bits must be < ${totalBits}`);
  const hostMask = (1n << BigInt(totalBits - maskBits)) - 1n;
  const bottom = base.value;
  const top = base.value | hostMask;
  return {
    kind: 'value',
    test: (value) => {
      if (typeof value !== 'string') return false;
      const address = parseAddress(value);
      return address?.family === base.family && address.value >= bottom && address.value <= top;
    },
  };
}

/** Ruler's exact match on a pattern string that is an IP literal compares addresses, not text. */
export function sameAddress(patternAddress: Address, value: string): boolean {
  const address = parseAddress(value);
  return address?.family === patternAddress.family && address.value === patternAddress.value;
}

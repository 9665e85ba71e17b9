import { fail } from './types';

/**
 * `{"wildcard": "Simple*Service"}`: `*` matches any run of characters, `\*` and `\\` are literal;
 * consecutive `**` and any other escape are rejected (Event Ruler "Wildcard matching";
 * Content filtering in Amazon EventBridge event patterns). Error positions count UTF-8 bytes of the
 * value as Ruler stores it, wrapped in quotes — hence the leading quote byte.
 */
export function compileWildcard(pattern: string): RegExp {
  const bytes = Buffer.from(`"${pattern}"`, 'utf8');
  let source = '';
  let literal = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === STAR) {
      if (bytes[i + 1] === STAR) fail(`Consecutive wildcard characters at pos ${i}`);
      source += escapeRegExp(literal) + '.*';
      literal = '';
    } else if (byte === BACKSLASH) {
      const next = bytes[i + 1];
      if (next !== STAR && next !== BACKSLASH) fail(`Invalid escape character at pos ${i}`);
      literal += String.fromCharCode(next);
      i++;
    } else {
      literal += String.fromCharCode(byte);
    }
  }
  source += escapeRegExp(literal);
  // The regex works on UTF-8 bytes (as latin1 text), like Ruler's byte machine, quotes included.
  return new RegExp(`^${source}$`, 's');
}

export function wildcardMatches(regex: RegExp, value: string): boolean {
  return regex.test(`"${Buffer.from(value, 'utf8').toString('latin1')}"`);
}

const STAR = 0x2a;
const BACKSLASH = 0x5c;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

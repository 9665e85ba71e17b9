/**
 * Positions in a log group's event order (timestamp, then store id), and the tokens that carry
 * them. GetLogEvents' tokens keep AWS's visible form — `f/` or `b/` followed by 56 digits and
 * `/s` — with the timestamp and id as the digits; FilterLogEvents' nextToken is opaque on AWS, so
 * it is plain base64 here. eventId is the store id as 56 digits, AWS's eventId length.
 */
import { AwsError } from '../errors';

export interface Position {
  timestamp: number;
  id: number;
}

export const START: Position = { timestamp: -Infinity, id: 0 };
export const END: Position = { timestamp: Infinity, id: Infinity };

export function compare(a: Position, b: Position): number {
  return a.timestamp !== b.timestamp ? (a.timestamp < b.timestamp ? -1 : 1) : a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

const DIGITS = 20;

export function directionalToken(direction: 'f' | 'b', p: Position): string {
  const ts = Number.isFinite(p.timestamp) ? Math.max(0, p.timestamp) : p.timestamp > 0 ? 10 ** 19 : 0;
  const id = Number.isFinite(p.id) ? p.id : 10 ** 19;
  return `${direction}/${String(ts).padStart(DIGITS, '0')}${String(id).padStart(DIGITS, '0')}${'0'.repeat(16)}/s`;
}

export function parseDirectionalToken(token: string): { direction: 'f' | 'b'; position: Position } {
  const m = /^([fb])\/(\d{20})(\d{20})\d{16}(\/s)?$/.exec(token);
  if (!m) throw invalidToken();
  const timestamp = Number(m[2]);
  const id = Number(m[3]);
  return {
    direction: m[1] as 'f' | 'b',
    position: { timestamp: timestamp >= 10 ** 19 ? Infinity : timestamp, id: id >= 10 ** 19 ? Infinity : id },
  };
}

export function opaqueToken(p: Position): string {
  return Buffer.from(JSON.stringify([p.timestamp, p.id])).toString('base64');
}

export function parseOpaqueToken(token: string): Position {
  try {
    const [timestamp, id] = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (Number.isSafeInteger(timestamp) && Number.isSafeInteger(id)) return { timestamp, id };
  } catch {
    // fall through
  }
  throw invalidToken();
}

export const eventId = (id: number): string => String(id).padStart(56, '0');

const invalidToken = () => new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');

/**
 * Wall-clock time in an IANA zone, through the runtime's own tz database (`Intl.DateTimeFormat`),
 * so no library is needed. A "wall" value is the local date-time encoded as if it were UTC epoch
 * ms (`Date.UTC(y, m - 1, d, h, min)`): calendar arithmetic on it is plain UTC arithmetic.
 */
import { FieldProblem } from './errors';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface Zone {
  readonly name: string;
  /** The wall clock shown in this zone at `instant`. */
  toWall(instant: number): number;
  /** Every instant whose wall clock is `wall`, ascending: none in a spring-forward gap, two in a fall-back overlap. */
  instantsOf(wall: number): number[];
}

const UTC_ZONE: Zone = { name: 'UTC', toWall: (instant) => instant, instantsOf: (wall) => [wall] };

const zones = new Map<string, Zone>();

export function zoneNamed(name: string | undefined): Zone {
  if (name === undefined || name === 'UTC') return UTC_ZONE;
  let zone = zones.get(name);
  if (!zone) {
    zone = makeZone(name);
    zones.set(name, zone);
  }
  return zone;
}

function makeZone(name: string): Zone {
  const format = formatterFor(name);
  const offsetAt = (instant: number) => wallOf(format, instant) - floorTo(instant, 1000);
  return {
    name,
    toWall: (instant) => instant + offsetAt(instant),
    instantsOf(wall) {
      // Offsets in force a day either side cover any single transition near `wall`.
      const offsets = new Set([offsetAt(wall - DAY_MS), offsetAt(wall), offsetAt(wall + DAY_MS)]);
      const instants = [...offsets].map((offset) => wall - offset).filter((t) => t + offsetAt(t) === wall);
      return [...new Set(instants)].sort((a, b) => a - b);
    },
  };
}

function formatterFor(name: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new FieldProblem(`timezone "${name}" is not a known IANA time zone (e.g. Asia/Seoul, America/New_York)`);
  }
}

function wallOf(format: Intl.DateTimeFormat, instant: number): number {
  const part: Record<string, number> = {};
  for (const { type, value } of format.formatToParts(instant)) part[type] = Number(value);
  return Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
}

export function floorTo(value: number, unit: number): number {
  return Math.floor(value / unit) * unit;
}

export function floorToMinute(value: number): number {
  return floorTo(value, MINUTE_MS);
}

export function ceilToMinute(value: number): number {
  return Math.ceil(value / MINUTE_MS) * MINUTE_MS;
}

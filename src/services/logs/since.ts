/**
 * `--since` as `aws logs tail` takes it: a relative duration (`30s`, `10m`, `1h`, `2d`, `1w`) back
 * from now, or an absolute ISO 8601 timestamp. Anything else is the user's to fix.
 */
import { UserError } from '../../shared/errors';

/** `aws logs tail` shows the last 10 minutes when --since is not given. */
export const DEFAULT_SINCE = '10m';

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const RELATIVE = /^(\d+)\s*([smhdw])$/;
// Require at least a full date so bare numbers ("10") are not taken as years by Date.parse.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Returns the epoch ms the text designates, relative ones counted back from `now`. */
export function parseSince(text: string, now: number): number {
  const trimmed = text.trim();
  const relative = RELATIVE.exec(trimmed);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]];
  if (ISO_DATE.test(trimmed)) {
    const at = Date.parse(trimmed);
    if (!Number.isNaN(at)) return at;
  }
  throw new UserError(
    'InvalidSince',
    `Cannot read --since "${text}": use a duration like 30s, 10m, 1h, 2d or an ISO time like 2024-01-31T09:00:00Z.`,
  );
}

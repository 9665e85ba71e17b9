/**
 * CloudWatch Logs filter patterns for unstructured events ("Filter pattern syntax for metric
 * filters, subscription filters, and filter log events" → "Matching terms in unstructured log
 * events"):
 *   `ERROR Exception`      every term must appear
 *   `"Task timed out"`     a quoted phrase is one term (needed for spaces and punctuation)
 *   `?ERROR ?WARN`         when any term starts with `?`, an event matches if any `?` term appears
 *   `ERROR -healthcheck`   a `-` term must not appear
 *   `` (empty)            matches every event
 * Matching is case-sensitive, as in CloudWatch. JSON (`{ $.x = 1 }`), space-delimited (`[a, b]`)
 * and regex (`%…%`) patterns are not supported yet and are rejected with a clear error.
 */
import { UserError } from '../../shared/errors';

export interface FilterPattern {
  required: string[];
  optional: string[];
  excluded: string[];
}

export function parseFilterPattern(pattern: string): FilterPattern {
  const trimmed = pattern.trim();
  if (/^[{[%]/.test(trimmed)) {
    throw new UserError(
      'UnsupportedFilterPattern',
      `Filter pattern "${pattern}" is a JSON, space-delimited or regex pattern; only plain terms and quoted phrases are supported.`,
    );
  }
  const parsed: FilterPattern = { required: [], optional: [], excluded: [] };
  for (const { prefix, term } of tokenize(trimmed)) {
    if (term === '') continue;
    if (prefix === '?') parsed.optional.push(term);
    else if (prefix === '-') parsed.excluded.push(term);
    else parsed.required.push(term);
  }
  return parsed;
}

export function matchesFilter(message: string, f: FilterPattern): boolean {
  if (!f.required.every((t) => message.includes(t))) return false;
  if (f.excluded.some((t) => message.includes(t))) return false;
  return f.optional.length === 0 || f.optional.some((t) => message.includes(t));
}

/** The longest required term: a store can pre-filter on it, the rest is checked in memory. */
export function narrowestTerm(f: FilterPattern): string | undefined {
  return [...f.required].sort((a, b) => b.length - a.length)[0];
}

/** Splits on whitespace outside double quotes; `?`/`-` before a term or a quote is its prefix. */
function* tokenize(text: string): Generator<{ prefix: '' | '?' | '-'; term: string }> {
  const token = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const m of text.matchAll(token)) {
    const prefix = m[1] as '' | '?' | '-';
    const term = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    yield { prefix, term };
  }
}

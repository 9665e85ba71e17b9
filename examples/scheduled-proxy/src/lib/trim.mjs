/**
 * Stack traces are trimmed before they travel: Lambda caps an asynchronous invocation's payload
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html) and Teams drops
 * messages over about 28 KB (https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#rate-limiting-for-connectors).
 * The head of a trace (the exception and the innermost frames) is what a reader needs.
 */
export function trimStackTrace(trace, { maxLines, maxChars }) {
  const lines = String(trace ?? '').replace(/\r\n/g, '\n').trimEnd().split('\n');
  // A trace trimmed before (in the report, then for a card) keeps counting what was dropped.
  const earlier = MORE_LINES.exec(lines.at(-1) ?? '');
  if (earlier) lines.pop();
  let kept = lines.slice(0, maxLines).join('\n');
  if (kept.length > maxChars) kept = `${kept.slice(0, maxChars)}…`;
  const dropped = lines.length - Math.min(lines.length, maxLines) + (earlier ? Number(earlier[1]) : 0);
  return dropped > 0 ? `${kept}\n… ${dropped} more line${dropped === 1 ? '' : 's'}` : kept;
}

const MORE_LINES = /^… (\d+) more lines?$/;

/** A short, single-line excerpt of a response body for error messages. */
export function excerpt(text, maxChars = 300) {
  const flat = String(text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars)}…` : flat;
}

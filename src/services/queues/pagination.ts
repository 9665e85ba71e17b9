/** MaxResults/NextToken paging over a sorted list of names (ListQueues, ListDeadLetterSourceQueues). */
import { invalidParameter } from './errors';
import { LIST_QUEUES_MAX_RESULTS } from './limits';

/** Without MaxResults, SQS returns up to 1,000 results and no NextToken. */
export function paginate(names: string[], maxResults: number | undefined, nextToken: string | undefined) {
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > LIST_QUEUES_MAX_RESULTS)) {
    throw invalidParameter('MaxResults', maxResults, 'MaxResults must be an integer between 1 and 1000.');
  }
  const after = nextToken ? decodeToken(nextToken) : undefined;
  const rest = after === undefined ? names : names.filter((n) => n > after);
  const limit = maxResults ?? LIST_QUEUES_MAX_RESULTS;
  const items = rest.slice(0, limit);
  const more = maxResults !== undefined && rest.length > limit;
  return { items, nextToken: more ? Buffer.from(JSON.stringify({ after: items[items.length - 1] })).toString('base64') : undefined };
}

function decodeToken(token: string): string {
  try {
    const { after } = JSON.parse(Buffer.from(token, 'base64').toString()) as { after: unknown };
    if (typeof after === 'string') return after;
  } catch {
    // fall through
  }
  throw invalidParameter('NextToken', token, 'Invalid NextToken value.');
}

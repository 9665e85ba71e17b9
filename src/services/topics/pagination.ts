/** NextToken paging over a list in a stable order: the token names the last entry served. */
import { invalidParameter } from './errors';
import { LIST_PAGE_SIZE } from './limits';

export function page<T>(items: T[], keyOf: (item: T) => string, nextToken: string | undefined): { items: T[]; NextToken?: string } {
  let start = 0;
  if (nextToken !== undefined && nextToken !== '') {
    const after = Buffer.from(nextToken, 'base64url').toString('utf8');
    const index = items.findIndex((item) => keyOf(item) === after);
    if (index < 0) throw invalidParameter('NextToken');
    start = index + 1;
  }
  const slice = items.slice(start, start + LIST_PAGE_SIZE);
  const more = start + LIST_PAGE_SIZE < items.length;
  return more ? { items: slice, NextToken: Buffer.from(keyOf(slice.at(-1)!), 'utf8').toString('base64url') } : { items: slice };
}

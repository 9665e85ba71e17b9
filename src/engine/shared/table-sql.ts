/**
 * The two hot reads of TableStore, built once for both dialects (they differ only in
 * placeholders). Both are range scans of an index: Query of the primary key
 * (table_name, idx, pk, sk, item_key), Scan of dynamo_items_scan (…, hash, pk, sk, item_key).
 */
import type { RowQuery, RowScan } from '../types';

export interface Statement {
  text: string;
  params: unknown[];
}

type Placeholder = '?' | '$';

const COLUMNS = `pk, sk, item_key AS "itemKey", item`;

export function queryStatement(q: RowQuery, style: Placeholder): Statement {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), style === '?' ? '?' : `$${params.length}`);
  const where = [`table_name = ${p(q.table)}`, `idx = ${p(q.index)}`, `pk = ${p(q.pk)}`];
  const s = q.sort;
  if (s) {
    if (s.op === 'between') where.push(`sk >= ${p(s.low)}`, `sk <= ${p(s.high)}`);
    else if (s.op === 'prefix') {
      where.push(`sk >= ${p(s.value)}`);
      const upper = prefixUpperBound(s.value);
      if (upper) where.push(`sk < ${p(upper)}`);
    } else where.push(`sk ${s.op} ${p(s.value)}`);
  }
  // Row values: (sk, item_key) past the last row returned, in the direction of travel.
  if (q.after) where.push(`(sk, item_key) ${q.forward ? '>' : '<'} (${p(q.after.sk)}, ${p(q.after.itemKey)})`);
  const dir = q.forward ? 'ASC' : 'DESC';
  return { text: `SELECT ${COLUMNS} FROM dynamo_items WHERE ${where.join(' AND ')} ORDER BY sk ${dir}, item_key ${dir} LIMIT ${p(q.limit)}`, params };
}

export function scanStatement(s: RowScan, style: Placeholder): Statement {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), style === '?' ? '?' : `$${params.length}`);
  const where = [`table_name = ${p(s.table)}`, `idx = ${p(s.index)}`, `hash >= ${p(s.hashFrom)}`, `hash < ${p(s.hashTo)}`];
  if (s.after) where.push(`(hash, pk, sk, item_key) > (${p(s.after.hash)}, ${p(s.after.pk)}, ${p(s.after.sk)}, ${p(s.after.itemKey)})`);
  return {
    text: `SELECT hash, ${COLUMNS} FROM dynamo_items WHERE ${where.join(' AND ')} ORDER BY hash, pk, sk, item_key LIMIT ${p(s.limit)}`,
    params,
  };
}

/** The smallest byte string greater than every string starting with `prefix` (none for all-0xFF). */
export function prefixUpperBound(prefix: Buffer): Buffer | undefined {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end--;
  if (end === 0) return undefined;
  const upper = Buffer.from(prefix.subarray(0, end));
  upper[end - 1]++;
  return upper;
}

/** Length-prefixed pk then sk: unique per item; index entries carry it to find and order them. */
export function itemKeyOf(pk: Buffer, sk: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(pk.length);
  return Buffer.concat([len, pk, sk]);
}

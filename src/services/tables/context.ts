/** What every tables operation shares: the engine store, the clock, addressing, and the stream signal. */
import type { TableStore } from '../../engine/types';
import type { Clock } from '../../shared/clock';
import { resourceNotFound } from './errors';
import type { TableSpec } from './table-spec';
import { checkTableName } from './table-spec';

export interface TablesContext {
  store: TableStore;
  clock: Clock;
  region: string;
  accountId: string;
  /** Called after a commit that appended stream records (wakes stream pollers in this process). */
  onStreamRecords(table: string): void;
}

export const tableArn = (ctx: Pick<TablesContext, 'region' | 'accountId'>, name: string) => `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${name}`;

/** Parsed specs by their JSON text: every request reads the table's record, few parse it. */
const parsed = new Map<string, TableSpec>();
const PARSED_LIMIT = 1000;

function parseSpec(text: string): TableSpec {
  let spec = parsed.get(text);
  if (!spec) {
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    // Frozen: callers that change a spec copy it first (structuredClone in UpdateTable).
    parsed.set(text, (spec = Object.freeze(JSON.parse(text)) as TableSpec));
  }
  return spec;
}

/** The table's spec, or ResourceNotFoundException as DynamoDB words it for item operations. */
export async function requireTable(ctx: TablesContext, name: unknown, member = 'tableName'): Promise<{ spec: TableSpec; createdAt: number }> {
  const checked = checkTableName(name, member);
  const record = await ctx.store.getTable(checked);
  if (!record) throw resourceNotFound();
  return { spec: parseSpec(record.spec), createdAt: record.createdAt };
}

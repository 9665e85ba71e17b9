/**
 * The tables service: DynamoDB's semantics over the engine's TableStore. It knows nothing of
 * HTTP; the wire adapter (gateways/aws/dynamodb) maps operations onto these methods one to one.
 */
import type { TableStore } from '../../engine/types';
import type { Clock } from '../../shared/clock';
import type { AppModel } from '../../template/model';
import { createAdmin } from './admin';
import { createBatchOperations } from './batch';
import type { TablesContext } from './context';
import { createItemOperations } from './items';
import { createReadOperations } from './reads';
import { ensureTemplateTables } from './template';
import { createTransactions } from './transactions';
import { createStreamsApi } from './streams-api';
import { TtlSweeper } from './ttl-sweeper';

export { streamArn } from './describe';
export { tableArn } from './context';
export { TablesError } from './errors';
export { sequenceNumber, type StreamRecordBody } from './stream-records';

type Raw = Record<string, unknown>;
type Operation = (input: Raw) => Promise<unknown>;

export interface TableServiceOptions {
  store: TableStore;
  clock: Clock;
  region: string;
  accountId: string;
  onError(err: unknown): void;
}

export function createTableService(o: TableServiceOptions) {
  const listeners = new Set<(table: string) => void>();
  const ctx: TablesContext = {
    store: o.store,
    clock: o.clock,
    region: o.region,
    accountId: o.accountId,
    onStreamRecords: (table) => listeners.forEach((l) => l(table)),
  };
  const admin = createAdmin(ctx);
  const sweeper = new TtlSweeper(ctx, o.onError);
  const operations = {
    ...admin,
    ...createItemOperations(ctx),
    ...createReadOperations(ctx),
    ...createBatchOperations(ctx),
    ...createTransactions(ctx),
  } satisfies Record<string, Operation>;
  const streams = createStreamsApi(ctx) satisfies Record<string, Operation>;
  return {
    ...operations,
    /** The DynamoDB Streams API (a service of its own on the wire). */
    streams,
    store: o.store,
    ensureTemplateTables: (model: AppModel) => ensureTemplateTables(ctx, admin, model, o.onError),
    /** Wakes stream consumers in this process when a commit appended records to a table's stream. */
    onStreamRecords(listener: (table: string) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sweepExpired: () => sweeper.sweepOnce(),
    start: () => sweeper.start(),
    close: () => sweeper.stop(),
  };
}

export type TableService = ReturnType<typeof createTableService>;

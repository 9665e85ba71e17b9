/**
 * ConsumedCapacity when ReturnConsumedCapacity asks for it: reads 4 KB units (halved for
 * eventually consistent reads), writes 1 KB units ("Read/write capacity mode"). Nothing is
 * throttled locally; the figures only let code that logs them run unchanged.
 */
type Raw = Record<string, unknown>;

export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return consistent ? units : units / 2;
}

export const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

export function consumed(input: Raw, table: string, units: number): Record<string, unknown> {
  const mode = input.ReturnConsumedCapacity;
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return {};
  return { ConsumedCapacity: { TableName: table, CapacityUnits: units, ...(mode === 'INDEXES' && { Table: { CapacityUnits: units } }) } };
}

/**
 * TableStore.tableStats from the per-index counts both backends read with the same GROUP BY:
 * the base rows (idx '') are the table's items and bytes, the others the index item counts.
 */
export interface IndexCountRow {
  idx: string;
  n: number;
  bytes: number;
}

export function tableStatsOf(rows: IndexCountRow[]): { itemCount: number; sizeBytes: number; indexCounts: Record<string, number> } {
  const base = rows.find((r) => r.idx === '');
  return {
    itemCount: base?.n ?? 0,
    sizeBytes: base?.bytes ?? 0,
    indexCounts: Object.fromEntries(rows.filter((r) => r.idx !== '').map((r) => [r.idx, r.n])),
  };
}

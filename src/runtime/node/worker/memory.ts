/**
 * Approximate "Max Memory Used": the high-water mark of this worker's V8 heap (committed) plus
 * external memory (Buffers), sampled at init and after each invocation. Lambda reports the whole
 * process's RSS, which also counts the Node binary itself (~40 MB), so figures here are lower.
 */
import v8 from 'node:v8';

const MB = 1024 * 1024;
let highWaterBytes = 0;

export function sampleMemory(): number {
  const stats = v8.getHeapStatistics() as v8.HeapInfo & { external_memory?: number };
  highWaterBytes = Math.max(highWaterBytes, stats.total_heap_size + (stats.external_memory ?? 0));
  return Math.ceil(highWaterBytes / MB);
}

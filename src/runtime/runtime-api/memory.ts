/**
 * Memory of a runtime process, read from Linux's /proc. Lambda's "Max Memory Used" is the peak
 * resident memory of the execution environment; VmHWM is the peak resident set of the process.
 */
import { readFile } from 'node:fs/promises';

/** Peak resident memory in KiB, or undefined when the process is gone (or not on Linux). */
export async function peakResidentKib(pid: number | undefined): Promise<number | undefined> {
  if (!pid) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export const kibToMb = (kib: number): number => Math.ceil(kib / 1024);

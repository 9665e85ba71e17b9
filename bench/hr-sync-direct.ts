/**
 * The hr-sync benchmark's baseline: the SyncFunction handler imported and called in a plain Node
 * process (no Stratus), with the environment and input the parent passes. Prints {"ms": n}:
 * import (the cold start) plus the call, as the Stratus figure includes the instance's init.
 */
export {};

const input = JSON.parse(process.env.HR_SYNC_INPUT ?? '{}');
const t0 = performance.now();
const { handler } = await import('../examples/hr-sync/src/sync');
console.log = () => {}; // the handler's per-tenant lines are not the benchmark's output
const report = await handler(input);
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, failed: report.tenants.filter((t) => t.outcome !== 'synced').length }) + '\n');

/**
 * The use case for one tenant: read the customer's employees, read the CMS's copy, diff by
 * employee number, apply creates/updates/deletes through the CMS. Every failure ends up in the
 * returned result; nothing is thrown, so one tenant never stops the others.
 */
import type { Employee, RejectedRow } from './employee';
import type { TenantBinding } from './ports';
import { failureOf, type ServerEnv, type TenantResult, type WriteFailure } from './report';
import { findDuplicateNumbers, planSync, type SyncPlan } from './sync-plan';
import { mapWithConcurrency } from './concurrency';

export interface TenantRun {
  tenant: string;
  gatewayEnv: ServerEnv;
  writeConcurrency: number;
}

export async function syncTenant(run: TenantRun, bind: () => TenantBinding): Promise<TenantResult> {
  const started = Date.now();
  const result: TenantResult = {
    tenant: run.tenant, gatewayEnv: run.gatewayEnv, outcome: 'synced',
    created: 0, updated: 0, deleted: 0, unchanged: 0, rejected: [], writeFailures: [], durationMs: 0,
  };
  try {
    const { source, directory } = bind();
    const [snapshot, current] = await Promise.all([source.fetchEmployees(), directory.list()]);
    const { employees, rejected } = withoutDuplicates(snapshot.employees, snapshot.rejected);
    result.rejected = rejected;
    const untouchable = new Set(rejected.flatMap((r) => (r.employeeNo ? [r.employeeNo] : [])));
    const plan = planSync(employees, current, untouchable);
    result.unchanged = plan.unchanged;
    await applyPlan(plan, directory, run.writeConcurrency, result);
  } catch (err) {
    result.failure = failureOf(err);
  }
  result.outcome = result.failure || result.writeFailures.length > 0 ? 'failed' : result.rejected.length > 0 ? 'synced-with-rejections' : 'synced';
  result.durationMs = Date.now() - started;
  return result;
}

function withoutDuplicates(employees: Employee[], rejected: RejectedRow[]): { employees: Employee[]; rejected: RejectedRow[] } {
  const duplicates = findDuplicateNumbers(employees);
  if (duplicates.size === 0) return { employees, rejected };
  const extra = [...duplicates].map((employeeNo) => ({ position: 'several rows', employeeNo, reason: `employee number ${employeeNo} appears more than once` }));
  return { employees: employees.filter((e) => !duplicates.has(e.employeeNo)), rejected: [...rejected, ...extra] };
}

type Write = { employeeNo: string; action: WriteFailure['action']; apply: () => Promise<void> };

async function applyPlan(plan: SyncPlan, directory: TenantBinding['directory'], concurrency: number, result: TenantResult): Promise<void> {
  const writes: Write[] = [
    ...plan.creates.map((e) => ({ employeeNo: e.employeeNo, action: 'create' as const, apply: () => directory.create(e) })),
    ...plan.updates.map((u) => ({ employeeNo: u.employeeNo, action: 'update' as const, apply: () => directory.update(u.employeeNo, u.changes) })),
    ...plan.deletes.map((no) => ({ employeeNo: no, action: 'delete' as const, apply: () => directory.remove(no) })),
  ];
  const counters = { create: 'created', update: 'updated', delete: 'deleted' } as const;
  await mapWithConcurrency(writes, concurrency, async (write) => {
    try {
      await write.apply();
      result[counters[write.action]]++;
    } catch (err) {
      result.writeFailures.push({ employeeNo: write.employeeNo, action: write.action, ...failureOf(err) });
    }
  });
}

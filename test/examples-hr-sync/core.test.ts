/** The core of hr-sync alone: the diff, the run request, the failure mails and tenant isolation. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planSync } from '../../examples/hr-sync/src/core/sync-plan';
import { parseRunRequest, InvalidRunRequest } from '../../examples/hr-sync/src/core/run-request';
import { failureMails } from '../../examples/hr-sync/src/core/failure-mails';
import { runSync } from '../../examples/hr-sync/src/core/sync-run';
import type { Employee, EmployeeChanges } from '../../examples/hr-sync/src/core/employee';
import type { EmployeeDirectory, OutgoingMail } from '../../examples/hr-sync/src/core/ports';
import type { RunReport } from '../../examples/hr-sync/src/core/report';
import { makeEmployees } from './fakes/people';

test('planSync diffs by employee number and sends only the changed fields', () => {
  const [a, b, c] = makeEmployees('E', 3);
  const d = makeEmployees('N', 1)[0];
  const plan = planSync([a, { ...b, jobTitle: 'Director', status: 'ON_LEAVE' }, d], [a, b, c]);
  assert.deepEqual(plan.creates, [d]);
  assert.deepEqual(plan.updates, [{ employeeNo: b.employeeNo, changes: { jobTitle: 'Director', status: 'ON_LEAVE' } }]);
  assert.deepEqual(plan.deletes, [c.employeeNo]);
  assert.equal(plan.unchanged, 1);
});

test('planSync leaves employees whose source row was rejected untouched (no update, no delete)', () => {
  const [a, b] = makeEmployees('E', 2);
  const plan = planSync([{ ...a, name: 'changed' }], [a, b], new Set([a.employeeNo, b.employeeNo]));
  assert.deepEqual(plan, { creates: [], updates: [], deletes: [], unchanged: 0 });
});

test('the run request accepts the seed\'s misspelt flag and the correct one; the correct one wins', () => {
  const base = { cmsServerEnv: 'pr', tenantInfos: [{ tenant: 'hanbit', externalServerEnv: 'dv' }] };
  assert.equal(parseRunRequest({ ...base, enalbedNotification: true }).notify, true);
  assert.equal(parseRunRequest({ ...base, enabledNotification: true }).notify, true);
  assert.equal(parseRunRequest({ ...base, enabledNotification: false, enalbedNotification: true }).notify, false);
  assert.equal(parseRunRequest(base).notify, false);
  assert.deepEqual(parseRunRequest(base).tenants, [{ tenant: 'hanbit', gatewayEnv: 'dv' }]);
  for (const bad of [null, [], { ...base, cmsServerEnv: 'prod' }, { ...base, tenantInfos: [] }, { ...base, tenantInfos: [{ tenant: 'x', externalServerEnv: 'qa' }] },
    { ...base, tenantInfos: [...base.tenantInfos, ...base.tenantInfos] }, { ...base, enalbedNotification: 'yes' }]) {
    assert.throws(() => parseRunRequest(bad), InvalidRunRequest, JSON.stringify(bad));
  }
});

test('failure mails: developers get the stack trace, business and customer contacts do not', () => {
  const err = new Error('gateway answered 503');
  const report: RunReport = { cmsEnv: 'pr', startedAt: '2026-01-01T18:00:00.000Z', durationMs: 5, tenants: [] };
  const result = { tenant: 'hanbit', gatewayEnv: 'pr' as const, outcome: 'failed' as const, created: 0, updated: 0, deleted: 0, unchanged: 0,
    rejected: [{ position: 'line 3', employeeNo: 'E1', reason: 'bad date' }], failure: { message: err.message, stack: err.stack }, writeFailures: [], durationMs: 1 };
  const [dev, people] = failureMails(report, result, ['dev@x.com'], { business: ['biz@x.com'], customer: ['hr@hanbit.example', 'biz@x.com'] });
  assert.deepEqual(dev.to, ['dev@x.com']);
  assert.match(dev.text, /Stack trace:\nError: gateway answered 503\n\s+at /);
  assert.deepEqual(people.to, ['biz@x.com', 'hr@hanbit.example']);
  assert.match(people.text, /gateway answered 503/);
  assert.match(people.text, /line 3 \(employee E1\): bad date/);
  assert.doesNotMatch(people.text, /\bat .*\.ts:\d+/);
  assert.doesNotMatch(people.text, /Stack/);
  assert.equal(dev.subject, '[HR sync][pr] hanbit: sync failed');
});

test('one tenant failing never stops the others; notification is skipped when disabled', async () => {
  const stores = new Map<string, Map<string, Employee>>();
  const directory = (tenant: string): EmployeeDirectory => {
    const store = stores.get(tenant) ?? stores.set(tenant, new Map()).get(tenant)!;
    return {
      list: async () => [...store.values()],
      create: async (e) => void store.set(e.employeeNo, e),
      update: async (no: string, c: EmployeeChanges) => void store.set(no, { ...store.get(no)!, ...c }),
      remove: async (no) => void store.delete(no),
    };
  };
  const published: RunReport[] = [];
  const mailed: OutgoingMail[] = [];
  const deps = {
    bindTenant: (tenant: string) => {
      if (tenant === 'ghost') throw new Error('tenant ghost is not in the tenant directory');
      return {
        source: { fetchEmployees: async () => (tenant === 'down' ? Promise.reject(new Error('ECONNREFUSED')) : { employees: makeEmployees(tenant, 5), rejected: [] }) },
        directory: directory(tenant),
        contacts: { business: ['biz@x.com'], customer: [`hr@${tenant}.example`] },
      };
    },
    contactsOf: (tenant: string) => (tenant === 'ghost' ? undefined : { business: ['biz@x.com'], customer: [`hr@${tenant}.example`] }),
    notifier: { publish: async (r: RunReport) => void published.push(r) },
    mailer: { send: async (m: OutgoingMail[]) => void mailed.push(...m) },
    developers: ['dev@x.com'],
    tenantConcurrency: 2,
    writeConcurrency: 3,
  };
  const tenants = ['a', 'down', 'ghost', 'b'].map((tenant) => ({ tenant, gatewayEnv: 'dv' as const }));
  const report = await runSync({ cmsEnv: 'dv', tenants, notify: true }, deps);
  assert.deepEqual(report.tenants.map((t) => [t.tenant, t.outcome, t.created]), [['a', 'synced', 5], ['down', 'failed', 0], ['ghost', 'failed', 0], ['b', 'synced', 5]]);
  assert.equal(published.length, 1);
  assert.deepEqual(mailed.map((m) => m.to), [['dev@x.com'], ['biz@x.com', 'hr@down.example'], ['dev@x.com']], 'ghost has no contacts: developers only');
  const again = await runSync({ cmsEnv: 'dv', tenants, notify: false }, deps);
  assert.deepEqual(again.tenants.map((t) => t.created + t.updated + t.deleted), [0, 0, 0, 0]);
  assert.equal(published.length, 1, 'no summary when notification is disabled');
});

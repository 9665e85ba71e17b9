/**
 * examples/hr-sync at the size the seed describes: 20 tenants × 2,000 employees (half behind the
 * paginated JSON gateway, half behind the CSV export), 5 % of them changed since the CMS was last
 * synced (3 % updated, 1 % joined, 1 % left). Baseline: the same handler module called in this
 * process with no Stratus in between, against the same fakes, measured in the same run.
 */
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { startApp } from '../src/app/app';
import { AdjustableClock } from '../src/shared/clock';
import type { Employee } from '../examples/hr-sync/src/core/employee';
import { startFakeCms, type FakeCms } from '../test/examples-hr-sync/fakes/cms';
import { startFakeHanbit } from '../test/examples-hr-sync/fakes/hanbit-gateway';
import { startFakeSaebyeok } from '../test/examples-hr-sync/fakes/saebyeok-gateway';
import { startFakeTeams } from '../test/examples-hr-sync/fakes/teams';
import { makeEmployees } from '../test/examples-hr-sync/fakes/people';
import { REPO, fmt } from './support';

const TENANTS = 20;
const EMPLOYEES = Number(process.env.BENCH_HR_EMPLOYEES ?? 2_000);
const CHANGE_RATE = 0.05;

export async function benchHrSync(): Promise<string[]> {
  const [cms, hanbit, saebyeok, teams] = await Promise.all([startFakeCms(), startFakeHanbit(), startFakeSaebyeok(), startFakeTeams()]);
  const tenants = Array.from({ length: TENANTS }, (_, i) => `tenant-${String(i + 1).padStart(2, '0')}`);
  const cmsCopy = new Map<string, Employee[]>();
  const directory: Record<string, unknown> = {};
  tenants.forEach((tenant, i) => {
    const before = makeEmployees(`T${i + 1}-`, EMPLOYEES);
    cmsCopy.set(tenant, before);
    const now = withChanges(before, `T${i + 1}-new-`);
    if (i % 2 === 0) {
      hanbit.dataset(tenant, `key-${i}`).employees = now;
      directory[tenant] = { customer: 'hanbit', gateway: { pr: hanbit.baseUrl(tenant) }, credentials: { apiKey: `key-${i}` } };
    } else {
      saebyeok.dataset(tenant, 'sync', `pw-${i}`).employees = now;
      directory[tenant] = { customer: 'saebyeok', gateway: { pr: saebyeok.baseUrl(tenant) }, credentials: { username: 'sync', password: `pw-${i}` } };
    }
  });
  const env = {
    CMS_BASE_URL_PR: cms.url, TEAMS_WEBHOOK_URL: teams.url, TENANT_DIRECTORY: JSON.stringify(directory),
    DEVELOPER_EMAILS: 'dev@example.com', MAIL_QUEUE_URL: 'unused-no-failures',
  };
  const input = { cmsServerEnv: 'pr', tenantInfos: tenants.map((tenant) => ({ tenant, externalServerEnv: 'pr' })), enalbedNotification: true };
  const resetCms = () => {
    for (const [tenant, employees] of cmsCopy) {
      const store = cms.tenant(tenant);
      store.clear();
      for (const e of employees) store.set(e.employeeNo, { ...e });
    }
  };
  const lines: string[] = [`## hr-sync: ${TENANTS} tenants × ${fmt(EMPLOYEES)} employees, ${CHANGE_RATE * 100} % changed (JSON pages + CSV exports → CMS)`];
  try {
    resetCms();
    let handlerMs = 0;
    const baseline = await measure(cms, async () => void (handlerMs = await runDirect(env, input)));
    baseline.ms = handlerMs;
    resetCms();
    const stratus = await withStratus(env, async (invoke) => {
      const changed = await measure(cms, () => invoke(input));
      const unchanged = await measure(cms, () => invoke(input));
      return { changed, unchanged };
    });
    const row = (label: string, m: Measured) =>
      `${label.padEnd(44)} ${fmt(m.ms).padStart(6)} ms   CMS calls ${fmt(m.reads + m.writes).padStart(5)} (${m.reads} reads, ${fmt(m.writes)} writes)`;
    lines.push(row('baseline: the handler in plain Node', baseline));
    lines.push(row('stratus: SyncFunction invoked (5 % changed)', stratus.changed) + `   ratio stratus/baseline ${fmt(stratus.changed.ms / baseline.ms, 2)}`);
    lines.push(row('stratus: second run, nothing changed', stratus.unchanged) + '   (target: 0 writes)');
  } finally {
    await Promise.all([cms.close(), hanbit.close(), saebyeok.close(), teams.close()]);
  }
  return lines;
}

/** 3 % updated (title, department or status), 1 % left, 1 % joined. */
function withChanges(employees: Employee[], newPrefix: string): Employee[] {
  const step = Math.round(1 / CHANGE_RATE);
  const out: Employee[] = [];
  employees.forEach((e, i) => {
    const kind = i % step === 0 ? (i / step) % 5 : -1;
    if (kind === 0) return; // left
    if (kind === 1) out.push({ ...e, jobTitle: `${e.jobTitle} II` });
    else if (kind === 2) out.push({ ...e, departmentCode: 'D999' });
    else if (kind === 3) out.push({ ...e, status: e.status === 'ACTIVE' ? 'ON_LEAVE' : 'ACTIVE' });
    else out.push(e);
  });
  return [...out, ...makeEmployees(newPrefix, Math.round((employees.length * CHANGE_RATE) / 5))];
}

interface Measured {
  ms: number;
  reads: number;
  writes: number;
}

async function measure(cms: FakeCms, run: () => Promise<unknown>): Promise<Measured> {
  const [reads, writes] = [cms.reads, cms.writes.length];
  const t0 = performance.now();
  await run();
  return { ms: performance.now() - t0, reads: cms.reads - reads, writes: cms.writes.length - writes };
}

/** The handler in its own plain Node process, so it does not share a thread with the fakes. */
async function runDirect(env: Record<string, string>, input: unknown): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'bench/hr-sync-direct.ts')], {
    cwd: REPO,
    env: { ...process.env, ...env, HR_SYNC_INPUT: JSON.stringify(input), AWS_REGION: 'us-east-1' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  await once(child, 'exit');
  const result = JSON.parse(out.trim().split('\n').pop() || '{}') as { ms?: number; failed?: number };
  if (result.ms === undefined || result.failed !== 0) throw new Error(`baseline run failed: ${out}`);
  return result.ms;
}

async function withStratus<T>(env: Record<string, string>, body: (invoke: (input: unknown) => Promise<void>) => Promise<T>): Promise<T> {
  const stateDir = mkdtempSync(join(tmpdir(), 'stratus-bench-hr-'));
  const app = await startApp(
    {
      templatePath: join(REPO, 'examples/hr-sync/template.yaml'),
      host: '127.0.0.1', port: 0, edgePort: 0, stateDir,
      engineUrl: `sqlite:${join(stateDir, 'stratus.db')}`,
      region: 'us-east-1', accountId: '000000000000', parameterOverrides: {}, envVars: { SyncFunction: env }, hotReload: false,
    },
    new AdjustableClock(),
  );
  const lambda = new LambdaClient({ endpoint: app.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  try {
    return await body(async (input) => {
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'SyncFunction', Payload: JSON.stringify(input) }));
      const result = JSON.parse(Buffer.from(out.Payload!).toString());
      if (out.FunctionError || result.tenants.some((t: { outcome: string }) => t.outcome !== 'synced')) throw new Error(`stratus run failed: ${JSON.stringify(result)}`);
    });
  } finally {
    lambda.destroy();
    await app.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/**
 * The hr-sync example running as a user runs it: fakes for every external system on 127.0.0.1,
 * an `--env-vars` file pointing the functions at them, and `stratus start --clock adjustable`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStratus, tempDir, removeDir, type StratusProcess } from '../support/stratus-process';
import { startFakeCms, type FakeCms } from './fakes/cms';
import { startFakeHanbit, type FakeHanbit } from './fakes/hanbit-gateway';
import { startFakeSaebyeok, type FakeSaebyeok } from './fakes/saebyeok-gateway';
import { startFakeTeams, type FakeTeams } from './fakes/teams';

export const DEVELOPERS = ['dev-a@cms.example', 'dev-b@cms.example'];
export const CONTACTS = {
  hanbit: { business: ['biz-hanbit@cms.example'], customer: ['hr-team@hanbit.example'] },
  saebyeok: { business: ['biz-saebyeok@cms.example'], customer: ['insa@saebyeok.example'] },
};
/** Small, so the hanging-gateway test ends quickly; production uses 10 s. */
export const GATEWAY_TIMEOUT_MS = 1_500;

export interface HrSyncHarness {
  app: StratusProcess;
  cms: { dv: FakeCms; pr: FakeCms };
  hanbit: FakeHanbit;
  saebyeok: FakeSaebyeok;
  teams: FakeTeams;
  close(): Promise<void>;
}

export async function startHrSync(): Promise<HrSyncHarness> {
  const [dv, pr, hanbit, saebyeok, teams] = await Promise.all([startFakeCms(), startFakeCms(), startFakeHanbit(), startFakeSaebyeok(), startFakeTeams()]);
  const directory = {
    hanbit: { customer: 'hanbit', gateway: { dv: hanbit.baseUrl('hanbit-dv'), pr: hanbit.baseUrl('hanbit') }, credentials: { apiKey: 'hanbit-key' }, contacts: CONTACTS.hanbit },
    saebyeok: { customer: 'saebyeok', gateway: { dv: saebyeok.baseUrl('saebyeok-dv'), pr: saebyeok.baseUrl('saebyeok') }, credentials: { username: 'cms-sync', password: 's3cret' }, contacts: CONTACTS.saebyeok },
  };
  const dir = tempDir('hr-sync-');
  const envFile = join(dir, 'env.json');
  writeFileSync(envFile, JSON.stringify({
    SyncFunction: {
      CMS_BASE_URL_DV: dv.url, CMS_BASE_URL_PR: pr.url, TEAMS_WEBHOOK_URL: `${teams.url}/webhookb2/hr-sync`,
      TENANT_DIRECTORY: JSON.stringify(directory), DEVELOPER_EMAILS: DEVELOPERS.join(','), GATEWAY_TIMEOUT_MS: String(GATEWAY_TIMEOUT_MS),
    },
    MailFunction: { MAIL_FROM: 'hr-sync@cms.example' },
  }));
  const app = await startStratus(['examples/hr-sync', '--clock', 'adjustable', '--env-vars', envFile]);
  return {
    app, cms: { dv, pr }, hanbit, saebyeok, teams,
    async close() {
      if (process.env.HR_SYNC_DEBUG) console.error(app.stdout(), app.stderr());
      await app.stop();
      await Promise.all([dv, pr, hanbit, saebyeok, teams].map((f) => f.close()));
      removeDir(app.stateDir);
      removeDir(dir);
    },
  };
}

/** Hours (UTC) of the template's rules: development 17:00 (02:00 KST), production 18:00 (03:00 KST). */
export const RULE_HOUR = { dv: 17, pr: 18 } as const;

export async function clockNow(app: StratusProcess): Promise<number> {
  return ((await (await fetch(`${app.edgeUrl}/_stratus/clock`)).json()) as { epochMs: number }).epochMs;
}

async function setClock(app: StratusProcess, time: Date): Promise<void> {
  const res = await fetch(`${app.edgeUrl}/_stratus/clock`, { method: 'POST', body: JSON.stringify({ time: time.toISOString() }), headers: { 'content-type': 'application/json' } });
  if (!res.ok) throw new Error(`clock: ${res.status} ${await res.text()}`);
}

/** The next UTC `hour`:`minute` strictly after `epochMs`. */
export function nextUtc(epochMs: number, hour: number, minute = 0): Date {
  const next = new Date(epochMs);
  next.setUTCHours(hour, minute, 0, 0);
  if (next.getTime() <= epochMs) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/**
 * Moves the clock to 17:30 UTC, between the two rules, so that each later jump to one rule's
 * time crosses no tick of the other. Runs the jump fires (empty gateways: no writes) are awaited.
 */
export async function parkBetweenRules(h: HrSyncHarness): Promise<void> {
  const now = await clockNow(h.app);
  const park = nextUtc(now, 17, 30);
  const crossed = Object.values(RULE_HOUR).filter((hour) => nextUtc(now, hour) <= park).length;
  const before = runsDone(h.app).length;
  await setClock(h.app, park);
  await eventually(() => runsDone(h.app).length >= before + crossed || undefined, 20_000, `${crossed} run(s) fired by parking the clock`);
}

/**
 * Moves the clock to the rule's next firing and waits for that run to finish, and for the other
 * rule's run if the jump crossed its time too (every night has both). Returns the wanted run's
 * per-tenant log lines ("tenant hanbit: synced created=…").
 */
export async function runNightly(h: HrSyncHarness, env: 'pr' | 'dv'): Promise<string[]> {
  const now = await clockNow(h.app);
  const target = nextUtc(now, RULE_HOUR[env]);
  const envs = (Object.keys(RULE_HOUR) as ('pr' | 'dv')[]).filter((e) => nextUtc(now, RULE_HOUR[e]) <= target);
  const before = Object.fromEntries(envs.map((e) => [e, runsDone(h.app, e).length]));
  await setClock(h.app, target);
  for (const e of envs) await eventually(() => runsDone(h.app, e)[before[e]], 20_000, `the ${e} run`);
  return tenantLines(h.app, runsDone(h.app, env)[before[env]]);
}

/** Request ids of finished runs, oldest first. */
export function runsDone(app: StratusProcess, env?: 'pr' | 'dv'): string[] {
  return [...app.stdout().matchAll(/\[SyncFunction\] \S+\t(\S+)\tINFO\trun done: cmsEnv=(\w+)/g)].filter((m) => !env || m[2] === env).map((m) => m[1]);
}

export function tenantLines(app: StratusProcess, requestId: string): string[] {
  return [...app.stdout().matchAll(/\[SyncFunction\] \S+\t(\S+)\tINFO\t(tenant \S+: .*)$/gm)].filter((m) => m[1] === requestId).map((m) => m[2]);
}

export interface OutboxMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
}

export async function outbox(app: StratusProcess): Promise<OutboxMail[]> {
  const res = await fetch(`${app.edgeUrl}/_stratus/api/mail`);
  if (!res.ok) throw new Error(`outbox: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { messages: OutboxMail[] }).messages;
}

export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

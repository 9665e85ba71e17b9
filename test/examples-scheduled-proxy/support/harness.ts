/**
 * Runs examples/scheduled-proxy with `stratus start` as a user would, wired to fakes: three
 * microservices behind "load balancers" with a small idle timeout, and the two Teams webhooks.
 * The service registry is pointed at the fakes with `--env-vars` (as with `sam local`), the
 * webhooks and timeouts with `--parameter-overrides`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStratus, removeDir, tempDir, type StratusProcess } from '../../support/stratus-process';
import { FakeService } from './fake-service';
import { FakeTeamsWebhook } from './fake-teams';

export const IDLE_TIMEOUT_MS = 400;
export const SERVICE_CALL_TIMEOUT_MS = 1500;
export const STAGE = 'dv';

/** The schedules in the template, as UTC hour and minute. */
export const SLOTS = {
  leaveStatus: { hour: 15, minute: 0, path: '/scheduling-api/leave-status/sync', label: 'cms POST /scheduling-api/leave-status/sync' },
  attendance: { hour: 15, minute: 5, path: '/scheduling-api/attendance/close-day', label: 'attendance POST /scheduling-api/attendance/close-day' },
  payroll: { hour: 15, minute: 10, path: '/scheduling-api/payroll/settle', label: 'payroll POST /scheduling-api/payroll/settle' },
} as const;

export interface Harness {
  stratus: StratusProcess;
  cms: FakeService;
  attendance: FakeService;
  payroll: FakeService;
  teams: FakeTeamsWebhook;
  workflow: FakeTeamsWebhook;
  now(): Promise<number>;
  /** Moves the clock to the slot's next occurrence; returns that scheduled time. */
  fire(slot: keyof typeof SLOTS): Promise<Date>;
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const [cms, attendance, payroll] = await Promise.all([1, 2, 3].map(() => FakeService.start(IDLE_TIMEOUT_MS)));
  const [teams, workflow] = await Promise.all([FakeTeamsWebhook.start('incoming'), FakeTeamsWebhook.start('workflow')]);
  const dir = tempDir('scheduled-proxy-');
  const envVars = join(dir, 'env.json');
  writeFileSync(envVars, JSON.stringify({ Parameters: { SERVICE_URL_CMS: cms.url, SERVICE_URL_ATTENDANCE: attendance.url, SERVICE_URL_PAYROLL: payroll.url } }));
  const overrides = `Stage=${STAGE} TeamsWebhookUrl=${teams.url} WorkflowWebhookUrl=${workflow.url} ServiceCallTimeoutMillis=${SERVICE_CALL_TIMEOUT_MS} JobPollIntervalMillis=100`;
  let stratus: StratusProcess;
  try {
    stratus = await startStratus(['examples/scheduled-proxy', '--clock', 'adjustable', '--env-vars', envVars, '--parameter-overrides', overrides], { stateDir: join(dir, 'state') });
  } catch (error) {
    await Promise.all([cms, attendance, payroll, teams, workflow].map((f) => f.close()));
    throw error;
  }
  const clockUrl = `${stratus.edgeUrl}/_stratus/clock`;
  const setClock = async (body: object) => {
    const res = await fetch(clockUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`clock: HTTP ${res.status} ${await res.text()}`);
  };
  const now = async () => ((await (await fetch(clockUrl)).json()) as { epochMs: number }).epochMs;
  return {
    stratus,
    cms,
    attendance,
    payroll,
    teams,
    workflow,
    now,
    async fire(slot) {
      const at = nextOccurrence(await now(), SLOTS[slot].hour, SLOTS[slot].minute);
      await setClock({ time: new Date(at.getTime() + 1_000).toISOString() });
      return at;
    },
    advance: (ms) => setClock({ advanceMs: ms }),
    async close() {
      await stratus.stop();
      await Promise.all([cms, attendance, payroll, teams, workflow].map((f) => f.close()));
      removeDir(dir);
    },
  };
}

function nextOccurrence(after: number, hour: number, minute: number): Date {
  const day = new Date(after);
  const candidate = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute);
  return new Date(candidate > after ? candidate : candidate + 86_400_000);
}

/** Polls `probe` until it returns something other than undefined/false. */
export async function eventually<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

import { test, after, before } from 'node:test';
import { startHarness, eventually, type Harness, SLOTS } from './support/harness';
import { ok } from './support/fake-service';

let h: Harness;
before(async () => { h = await startHarness(); });
after(() => h?.close());

test('smoke', async () => {
  h.payroll.on(SLOTS.payroll.path, { kind: 'report', report: ok(['acme', 'globex']), durationMs: 1200 });
  h.cms.on(SLOTS.leaveStatus.path, { kind: 'report', report: ok(['acme', 'globex']) });
  h.attendance.on(SLOTS.attendance.path, { kind: 'report', report: ok(['acme', 'globex']) });
  await h.fire('payroll');
  try {
    await eventually(() => h.teams.accepted.some((c) => c.title.includes('payroll')), 10_000, 'a card');
  } finally {
    console.log(h.stratus.stdout().split('\n').filter((l) => !/Warning|versions|node >=|To continue|security|More info|trace-warn/.test(l)).join('\n'));
    console.log(h.stratus.stderr());
    console.log(JSON.stringify(h.teams.accepted.map((c) => c.sections[0].facts)));
  }
});

/**
 * examples/hr-sync end to end: `stratus start` on the example, the clock moved to the nightly
 * rules' times, and assertions on what the fake CMS, the fake Teams webhook and Stratus's SES
 * outbox received. The tests run in order and share one app, night after night.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { startHrSync, runNightly, parkBetweenRules, outbox, eventually, CONTACTS, DEVELOPERS, type HrSyncHarness } from './harness';
import { makeEmployees } from './fakes/people';
import { runStratus } from '../support/stratus-process';

let h: HrSyncHarness;
before(async () => {
  h = await startHrSync();
  for (const env of ['', '-dv']) {
    h.hanbit.dataset(`hanbit${env}`, 'hanbit-key');
    h.saebyeok.dataset(`saebyeok${env}`, 'cms-sync', 's3cret');
  }
  await parkBetweenRules(h);
  h.teams.cards.length = 0;
  h.hanbit.dataset('hanbit', 'hanbit-key').employees = makeEmployees('H', 120);
  h.saebyeok.dataset('saebyeok', 'cms-sync', 's3cret').employees = makeEmployees('S', 80);
  h.hanbit.dataset('hanbit-dv', 'hanbit-key').employees = makeEmployees('HD', 7);
  h.saebyeok.dataset('saebyeok-dv', 'cms-sync', 's3cret').employees = makeEmployees('SD', 5);
});
after(() => h?.close());

/** The newest card of the given CMS environment posted after the first `after` cards. */
const card = (env: 'pr' | 'dv', after = 0) =>
  eventually(() => h.teams.cards.slice(after).reverse().find((c) => c.summary.includes(`(CMS ${env})`)), 5_000, `a ${env} Teams card`);
const facts = (card: any, tenant: string) =>
  Object.fromEntries(card.sections.find((s: any) => s.activityTitle.startsWith(`${tenant} `)).facts.map((f: any) => [f.name, f.value]));

test('03:00 KST: the production rule (misspelt enalbedNotification) fills the pr CMS and posts one Teams card', async () => {
  const lines = await runNightly(h, 'pr');
  assert.deepEqual(lines.sort(), [
    'tenant hanbit: synced created=120 updated=0 deleted=0 unchanged=0 rejected=0 failedWrites=0',
    'tenant saebyeok: synced created=80 updated=0 deleted=0 unchanged=0 rejected=0 failedWrites=0',
  ]);
  assert.equal(h.cms.pr.tenant('hanbit').size, 120);
  assert.deepEqual(h.cms.pr.tenant('saebyeok').get('S00002'), makeEmployees('S', 2)[1], 'converted from Korean CSV columns and codes');
  assert.equal(h.cms.dv.writes.length, 0, 'the dv CMS is not touched by the pr rule');
  assert.equal(h.teams.cards.length, 1);
  const card = h.teams.cards[0];
  assert.equal(card['@type'], 'MessageCard');
  assert.equal(card.summary, 'HR sync (CMS pr): 2 of 2 tenant(s) synced');
  assert.equal(facts(card, 'hanbit').Created, '120');
  assert.equal(facts(card, 'saebyeok').Created, '80');
  assert.deepEqual(await outbox(h.app), [], 'no failure, no mail');
});

test('the next night with no change makes zero CMS writes and still reports', async () => {
  const writes = h.cms.pr.writes.length;
  const cards = h.teams.cards.length;
  const lines = await runNightly(h, 'pr');
  assert.ok(lines.every((l) => / created=0 updated=0 deleted=0 /.test(l)), lines.join('\n'));
  assert.equal(h.cms.pr.writes.length, writes);
  assert.equal(facts(await card('pr', cards), 'hanbit').Unchanged, '120');
});

test('joiners are created, leavers deleted, and an update carries only the changed fields', async () => {
  const hanbit = h.hanbit.dataset('hanbit', 'hanbit-key');
  hanbit.employees = hanbit.employees.filter((e) => e.employeeNo !== 'H00010');
  hanbit.employees[0] = { ...hanbit.employees[0], jobTitle: 'Director' };
  hanbit.employees[1] = { ...hanbit.employees[1], status: 'RETIRED', departmentCode: 'D999' };
  hanbit.employees.push(...makeEmployees('HN', 1));
  const saebyeok = h.saebyeok.dataset('saebyeok', 'cms-sync', 's3cret');
  saebyeok.employees[4] = { ...saebyeok.employees[4], email: 's5.new@example.com' };
  const from = h.cms.pr.writes.length;
  await runNightly(h, 'pr');
  const writes = h.cms.pr.writes.slice(from).map(({ method, tenant, employeeNo, body }) => ({ method, tenant, employeeNo, body }));
  const byKey = (w: { tenant: string; employeeNo: string }) => `${w.tenant}/${w.employeeNo}`;
  assert.deepEqual(writes.sort((a, b) => byKey(a).localeCompare(byKey(b))), [
    { method: 'PATCH', tenant: 'hanbit', employeeNo: 'H00001', body: { jobTitle: 'Director' } },
    { method: 'PATCH', tenant: 'hanbit', employeeNo: 'H00002', body: { departmentCode: 'D999', status: 'RETIRED' } },
    { method: 'DELETE', tenant: 'hanbit', employeeNo: 'H00010', body: undefined },
    { method: 'POST', tenant: 'hanbit', employeeNo: 'HN00001', body: makeEmployees('HN', 1)[0] as any },
    { method: 'PATCH', tenant: 'saebyeok', employeeNo: 'S00005', body: { email: 's5.new@example.com' } },
  ]);
});

test('02:00 KST: the development rule (enabledNotification) uses the dv CMS and the dv gateways', async () => {
  const prWrites = h.cms.pr.writes.length;
  await runNightly(h, 'dv');
  assert.equal(h.cms.dv.tenant('hanbit').size, 7);
  assert.equal(h.cms.dv.tenant('saebyeok').size, 5);
  assert.equal(h.cms.pr.writes.length, prWrites);
  assert.equal((await card('dv')).summary, 'HR sync (CMS dv): 2 of 2 tenant(s) synced');
});

test('a failing gateway fails only its tenant; developers are mailed the stack trace, contacts are not', async () => {
  h.hanbit.dataset('hanbit', 'hanbit-key').mode = 'error';
  const saebyeok = h.saebyeok.dataset('saebyeok', 'cms-sync', 's3cret');
  saebyeok.employees[0] = { ...saebyeok.employees[0], jobTitle: 'Manager' };
  const from = h.cms.pr.writes.length;
  const cards = h.teams.cards.length;
  const lines = await runNightly(h, 'pr');
  assert.match(lines.find((l) => l.startsWith('tenant hanbit'))!, /^tenant hanbit: failed .*error=GET http:\/\/127\.0\.0\.1:\d+\/t\/hanbit\/api\/v2\/employees\?page=1&size=200 answered 503: HR gateway under maintenance$/);
  assert.deepEqual(h.cms.pr.writes.slice(from).map((w) => `${w.method} ${w.tenant}/${w.employeeNo}`), ['PATCH saebyeok/S00001']);
  const prCard = await card('pr', cards);
  assert.equal(prCard.summary, 'HR sync (CMS pr): 1 of 2 tenant(s) synced, 1 failed');
  assert.equal(prCard.themeColor, 'D93F0B');
  assert.match(facts(prCard, 'hanbit').Error, /answered 503/);

  const mails = await eventually(async () => {
    const all = await outbox(h.app);
    return all.length >= 2 ? all : undefined;
  }, 15_000, 'two failure mails through the queue, the mail function and SES');
  assert.equal(mails.length, 2);
  const dev = mails.find((m) => m.to.includes(DEVELOPERS[0]))!;
  const people = mails.find((m) => m.to.includes(CONTACTS.hanbit.customer[0]))!;
  assert.deepEqual(dev.to, DEVELOPERS);
  assert.deepEqual(people.to, [...CONTACTS.hanbit.business, ...CONTACTS.hanbit.customer]);
  for (const mail of [dev, people]) {
    assert.equal(mail.from, 'hr-sync@cms.example');
    assert.equal(mail.subject, '[HR sync][pr] hanbit: sync failed');
    assert.match(mail.text, /answered 503: HR gateway under maintenance/);
  }
  assert.match(dev.text, /Stack trace:\nGatewayError: GET .* answered 503.*\n\s+at /);
  assert.doesNotMatch(people.text, /Stack trace|\n\s+at /);
  assert.ok(!mails.some((m) => m.to.some((a) => a.includes('saebyeok'))), 'the tenant that synced is not mailed');
  // What a developer would type: `stratus mail --to ADDR --json` against the running app.
  const cli = await runStratus(['mail', '--to', CONTACTS.hanbit.customer[0], '--json', '--state-dir', h.app.stateDir]);
  assert.equal(cli.code, 0, cli.stderr);
  const forCustomer = JSON.parse(cli.stdout) as { to: string[]; text: string }[];
  assert.equal(forCustomer.length, 1);
  assert.doesNotMatch(forCustomer[0].text, /Stack trace/);
  h.hanbit.dataset('hanbit', 'hanbit-key').mode = 'ok';
});

test('a hanging gateway times out; malformed rows are reported and their employees left untouched', async () => {
  h.hanbit.dataset('hanbit', 'hanbit-key').mode = 'hang';
  const saebyeok = h.saebyeok.dataset('saebyeok', 'cms-sync', 's3cret');
  // S00003 keeps an unreadable row (its status code is unknown): it must be neither updated nor deleted.
  saebyeok.employees = saebyeok.employees.filter((e) => e.employeeNo !== 'S00003');
  saebyeok.rawLines = ['S00003,Cho Jiho,s3@example.com,D102,Manager,9,20120303', ',No Number,x@example.com,D100,Staff,1,20200101'];
  const mailsBefore = (await outbox(h.app)).length;
  const from = h.cms.pr.writes.length;
  const started = Date.now();
  const lines = await runNightly(h, 'pr');
  assert.ok(Date.now() - started < 10_000);
  assert.match(lines.find((l) => l.startsWith('tenant hanbit'))!, /failed .*no answer within 1500 ms/);
  assert.match(lines.find((l) => l.startsWith('tenant saebyeok'))!, /synced-with-rejections created=0 updated=0 deleted=0 unchanged=79 rejected=2/);
  assert.equal(h.cms.pr.writes.length, from, 'no write: S00003 is kept, the numberless row is skipped');
  assert.ok(h.cms.pr.tenant('saebyeok').has('S00003'));
  const mails = await eventually(async () => {
    const all = await outbox(h.app);
    return all.length >= mailsBefore + 4 ? all.slice(mailsBefore) : undefined;
  }, 15_000, 'four mails (two tenants × developers and contacts)');
  const toSaebyeok = mails.find((m) => m.to.includes(CONTACTS.saebyeok.customer[0]))!;
  assert.equal(toSaebyeok.subject, '[HR sync][pr] saebyeok: rows rejected');
  assert.match(toSaebyeok.text, /- line 81 \(employee S00003\): unknown 재직구분 code "9"/);
  assert.match(toSaebyeok.text, /- line 82: 사번 is missing/);
  h.hanbit.dataset('hanbit', 'hanbit-key').mode = 'ok';
  saebyeok.rawLines = [];
});

test('a manual run through the Lambda API with notification disabled syncs and tells nobody', async () => {
  const lambda = new LambdaClient({ endpoint: h.app.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const cards = h.teams.cards.length;
  const mails = (await outbox(h.app)).length;
  h.hanbit.dataset('hanbit', 'hanbit-key').mode = 'error';
  const out = await lambda.send(new InvokeCommand({
    FunctionName: 'SyncFunction',
    Payload: JSON.stringify({ cmsServerEnv: 'pr', tenantInfos: [{ tenant: 'hanbit', externalServerEnv: 'pr' }, { tenant: 'nobody', externalServerEnv: 'pr' }], enabledNotification: false }),
  }));
  assert.equal(out.FunctionError, undefined);
  const result = JSON.parse(Buffer.from(out.Payload!).toString());
  assert.deepEqual(result.tenants.map((t: any) => [t.tenant, t.outcome]), [['hanbit', 'failed'], ['nobody', 'failed']]);
  assert.equal(result.tenants[1].error, 'tenant nobody is not in the tenant directory');
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(h.teams.cards.length, cards);
  assert.equal((await outbox(h.app)).length, mails);
  const bad = await lambda.send(new InvokeCommand({ FunctionName: 'SyncFunction', Payload: JSON.stringify({ cmsServerEnv: 'qa', tenantInfos: [] }) }));
  assert.equal(bad.FunctionError, 'Unhandled');
  assert.match(Buffer.from(bad.Payload!).toString(), /InvalidRunRequest.*cmsServerEnv must be one of dv, pr/);
  h.hanbit.dataset('hanbit', 'hanbit-key').mode = 'ok';
  lambda.destroy();
});

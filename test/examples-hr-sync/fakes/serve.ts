/**
 * Try examples/hr-sync by hand: starts every fake (CMS dv/pr, both customer gateways with a few
 * employees, Teams), writes an `--env-vars` file pointing the functions at them, and prints what
 * the fakes receive. Usage: npx tsx test/examples-hr-sync/fakes/serve.ts [env-file]
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startFakeCms } from './cms';
import { startFakeHanbit } from './hanbit-gateway';
import { startFakeSaebyeok } from './saebyeok-gateway';
import { startFakeTeams } from './teams';
import { makeEmployees } from './people';

const envFile = resolve(process.argv[2] ?? 'hr-sync.env.json');
const [dv, pr, hanbit, saebyeok, teams] = await Promise.all([startFakeCms(), startFakeCms(), startFakeHanbit(), startFakeSaebyeok(), startFakeTeams()]);
for (const suffix of ['', '-dv']) {
  hanbit.dataset(`hanbit${suffix}`, 'hanbit-key').employees = makeEmployees('H', 25);
  saebyeok.dataset(`saebyeok${suffix}`, 'cms-sync', 's3cret').employees = makeEmployees('S', 15);
}
const contacts = (tenant: string) => ({ business: [`biz-${tenant}@cms.example`], customer: [`hr@${tenant}.example`] });
const directory = {
  hanbit: { customer: 'hanbit', gateway: { dv: hanbit.baseUrl('hanbit-dv'), pr: hanbit.baseUrl('hanbit') }, credentials: { apiKey: 'hanbit-key' }, contacts: contacts('hanbit') },
  saebyeok: { customer: 'saebyeok', gateway: { dv: saebyeok.baseUrl('saebyeok-dv'), pr: saebyeok.baseUrl('saebyeok') }, credentials: { username: 'cms-sync', password: 's3cret' }, contacts: contacts('saebyeok') },
};
writeFileSync(envFile, JSON.stringify({
  SyncFunction: { CMS_BASE_URL_DV: dv.url, CMS_BASE_URL_PR: pr.url, TEAMS_WEBHOOK_URL: teams.url, TENANT_DIRECTORY: JSON.stringify(directory), DEVELOPER_EMAILS: 'dev@cms.example' },
  MailFunction: { MAIL_FROM: 'hr-sync@cms.example' },
}, null, 2));
console.log(`fakes up; env file: ${envFile} (Ctrl-C stops)`);
const seen = { dv: 0, pr: 0, cards: 0 };
setInterval(() => {
  for (const [env, cms] of [['dv', dv], ['pr', pr]] as const) {
    for (const w of cms.writes.slice(seen[env])) console.log(`CMS ${env}: ${w.method} ${w.tenant}/${w.employeeNo} ${w.body ? JSON.stringify(w.body) : ''}`);
    seen[env] = cms.writes.length;
  }
  for (const card of teams.cards.slice(seen.cards)) console.log(`Teams: ${card.summary}`);
  seen.cards = teams.cards.length;
}, 500);

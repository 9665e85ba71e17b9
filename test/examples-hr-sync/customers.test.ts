/** Each customer module against its fake gateway over real HTTP: fetch, convert, reject, fail. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { hanbit } from '../../examples/hr-sync/src/customers/hanbit';
import { saebyeok } from '../../examples/hr-sync/src/customers/saebyeok';
import { parseCsv } from '../../examples/hr-sync/src/customers/support/csv';
import { startFakeHanbit, type FakeHanbit } from './fakes/hanbit-gateway';
import { startFakeSaebyeok, type FakeSaebyeok } from './fakes/saebyeok-gateway';
import { makeEmployees, toHanbitItem } from './fakes/people';

let hanbitGateway: FakeHanbit;
let saebyeokGateway: FakeSaebyeok;
before(async () => {
  [hanbitGateway, saebyeokGateway] = await Promise.all([startFakeHanbit(), startFakeSaebyeok()]);
});
after(() => Promise.all([hanbitGateway.close(), saebyeokGateway.close()]));

const hanbitSource = (tenant: string, apiKey = 'key-1', timeoutMs = 2_000) =>
  hanbit({ baseUrl: hanbitGateway.baseUrl(tenant), credentials: { apiKey }, timeoutMs });
const saebyeokSource = (tenant: string, password = 'pw', timeoutMs = 2_000) =>
  saebyeok({ baseUrl: saebyeokGateway.baseUrl(tenant), credentials: { username: 'sync', password }, timeoutMs });

test('hanbit: follows every page, sends the API key, converts statuses, dates and e-mail case', async () => {
  const people = makeEmployees('H', 450);
  people[3] = { ...people[3], status: 'RETIRED' };
  hanbitGateway.dataset('all-pages', 'key-1').employees = people;
  const { employees, rejected } = await hanbitSource('all-pages').fetchEmployees();
  assert.deepEqual(employees, people);
  assert.deepEqual(rejected, []);
  assert.deepEqual(hanbitGateway.requests.filter((r) => r.tenant === 'all-pages').map((r) => r.page), [1, 2, 3]);
  await assert.rejects(hanbitSource('all-pages', 'wrong').fetchEmployees(), /answered 401/);
});

test('hanbit: malformed items are rejected with their position and employee number; the rest convert', async () => {
  const data = hanbitGateway.dataset('messy', 'key-1');
  data.employees = makeEmployees('M', 2);
  const good = toHanbitItem(makeEmployees('X', 1)[0]);
  data.rawItems = [
    { ...good, empId: 'X1', hireDate: '2023-02-30T00:00:00+09:00' },
    { ...good, empId: 'X2', employmentStatus: 'CONTRACTOR' },
    { ...good, empId: '', fullName: 'No Number' },
    'not an object' as unknown as Record<string, unknown>,
  ];
  const { employees, rejected } = await hanbitSource('messy').fetchEmployees();
  assert.equal(employees.length, 2);
  assert.deepEqual(rejected, [
    { position: 'page 1, item 3', employeeNo: 'X1', reason: '"2023-02-30T00:00:00+09:00" is not a valid date' },
    { position: 'page 1, item 4', employeeNo: 'X2', reason: 'unknown employmentStatus "CONTRACTOR"' },
    { position: 'page 1, item 5', employeeNo: undefined, reason: 'empId is missing' },
    { position: 'page 1, item 6', employeeNo: undefined, reason: 'item is not an object' },
  ]);
});

test('hanbit: a failing, hanging or garbage-answering gateway is an error naming the call', async () => {
  const data = hanbitGateway.dataset('flaky', 'key-1');
  data.mode = 'error';
  await assert.rejects(hanbitSource('flaky').fetchEmployees(), /GatewayError|answered 503: HR gateway under maintenance/);
  data.mode = 'garbage';
  await assert.rejects(hanbitSource('flaky').fetchEmployees(), /page is not JSON/);
  data.mode = 'hang';
  const started = Date.now();
  await assert.rejects(hanbitSource('flaky', 'key-1', 300).fetchEmployees(), /no answer within 300 ms/);
  assert.ok(Date.now() - started < 2_000);
});

test('saebyeok: CSV with BOM, Korean headers, codes 1/2/3 and two date styles, behind Basic auth', async () => {
  const people = makeEmployees('S', 30);
  people[1] = { ...people[1], name: 'Park, "Jay"', status: 'RETIRED' };
  saebyeokGateway.dataset('csv', 'sync', 'pw').employees = people;
  const { employees, rejected } = await saebyeokSource('csv').fetchEmployees();
  assert.deepEqual(employees, people);
  assert.deepEqual(rejected, []);
  await assert.rejects(saebyeokSource('csv', 'nope').fetchEmployees(), /answered 401/);
});

test('saebyeok: bad rows are rejected by line; a missing column fails the export as a whole', async () => {
  const data = saebyeokGateway.dataset('bad-rows', 'sync', 'pw');
  data.employees = makeEmployees('B', 2);
  data.rawLines = ['B9001,Kim Bad,b9001@example.com,D100,Staff,7,20200101', 'B9002,Lee Date,b9002@example.com,D100,Staff,1,2020-13-01', 'B9003,Short'];
  const { employees, rejected } = await saebyeokSource('bad-rows').fetchEmployees();
  assert.equal(employees.length, 2);
  assert.deepEqual(rejected, [
    { position: 'line 4', employeeNo: 'B9001', reason: 'unknown 재직구분 code "7"' },
    { position: 'line 5', employeeNo: 'B9002', reason: '입사일자 "2020-13-01" is neither YYYYMMDD nor YYYY.MM.DD' },
    { position: 'line 6', employeeNo: 'B9003', reason: '2 fields, the header has 7' },
  ]);
  data.mode = 'garbage';
  await assert.rejects(saebyeokSource('bad-rows').fetchEmployees(), /lacks column\(s\) 사번, 성명/);
});

test('csv parser: quotes, doubled quotes, line breaks inside quotes, CRLF and BOM', () => {
  const records = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\n');
  assert.deepEqual(records, [
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['x, y', 'say "hi"'] },
    { line: 3, fields: ['multi\nline', 'z'] },
  ]);
  assert.throws(() => parseCsv('"open'), /unterminated/);
});

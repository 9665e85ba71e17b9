/**
 * examples/dev-platform through real HTTP, the SDK and the aws CLI, on one `stratus start`:
 * the authorizers' refusals (API Gateway's 401/403 shapes), the admin API under /admin on the
 * custom domain, static files from the bucket with their Content-Type, a missing file, uploads the
 * POST policy refuses, a job reporting to a connection that is gone, and the job's log lines in
 * /aws/lambda/JobFunction (CloudWatch Logs SDK and `aws logs tail --follow`, as the seed reads them).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { startDevPlatform, ADMIN_TOKEN, MAX_UPLOAD_BYTES, PLATFORM_TOKEN, UPLOAD_BUCKET, type DevPlatform } from './support/harness';
import { openJobSocket, postToBucket, requestUpload, type JobSocket, type UploadOffer } from './support/clients';

let platform: DevPlatform;
let socket: JobSocket;
/** A job run to the end in the first test, looked at by the later ones. */
let finished: { jobId: string; message: Record<string, unknown> };

before(async () => {
  platform = await startDevPlatform();
  socket = await openJobSocket(`${platform.domainUrl}/config`);
});
after(async () => {
  socket?.close();
  await platform?.close();
});

const offer = async (fileName: string, connectionId = socket.connectionId) => {
  const res = await requestUpload(platform.domainUrl, PLATFORM_TOKEN, { connectionId, fileName, contentType: 'text/plain' });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json as unknown as UploadOffer;
};

test('start prints no warning: ten functions\' asynchronous consumers share one stop signal without a MaxListeners warning', () => {
  assert.doesNotMatch(platform.stratus.stderr(), /MaxListenersExceededWarning/);
});

test('an upload through the pre-signed POST runs the job, which pushes jobDone to the connection', async () => {
  const upload = await offer('notes.txt');
  assert.equal(upload.key, `uploads/${upload.jobId}/notes.txt`);
  const posted = await postToBucket(upload, Buffer.from('one two\nthree\n'));
  assert.equal(posted.status, 204, posted.text);
  const message = await socket.next((m) => m.type === 'jobDone' && m.jobId === upload.jobId);
  assert.deepEqual(message.result, { lines: 2, words: 3, bytes: 14 });
  assert.equal(message.fileName, 'notes.txt');
  finished = { jobId: upload.jobId, message };
});

test('the platform authorizer: no token and a malformed one are 401, a wrong one is an explicit deny (403)', async () => {
  const body = JSON.stringify({ connectionId: 'x', fileName: 'a.txt' });
  const missing = await fetch(`${platform.domainUrl}/uploads`, { method: 'POST', body });
  assert.equal(missing.status, 401);
  assert.equal(missing.headers.get('x-amzn-errortype'), 'UnauthorizedException');
  assert.deepEqual(await missing.json(), { message: 'Unauthorized' });
  // "Basic …" fails the authorizer's ValidationExpression: refused before the function runs.
  const malformed = await fetch(`${platform.domainUrl}/uploads`, { method: 'POST', body, headers: { authorization: 'Basic dXNlcjpwdw==' } });
  assert.equal(malformed.status, 401);
  assert.deepEqual(await malformed.json(), { message: 'Unauthorized' });
  const wrong = await fetch(`${platform.domainUrl}/uploads`, { method: 'POST', body, headers: { authorization: 'Bearer not-the-token' } });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.headers.get('x-amzn-errortype'), 'AccessDeniedException');
  assert.deepEqual(await wrong.json(), { Message: 'User is not authorized to access this resource with an explicit deny' });
  // The page's own config route has no authorizer.
  assert.equal((await fetch(`${platform.domainUrl}/config`)).status, 200);
});

test('the cached authorizer answer allows the whole stage: after POST /uploads, GET /jobs/{jobId} with the same token is allowed', async () => {
  // The policy's resource is arn:…:<apiId>/prd/* — a policy for the first method ARN only would
  // deny this second call until the cache (ReauthorizeEvery 60) ran out.
  const res = await fetch(`${platform.domainUrl}/jobs/${finished.jobId}`, { headers: { authorization: `Bearer ${PLATFORM_TOKEN}` } });
  assert.equal(res.status, 200);
  const job = (await res.json()) as { status: string; result: unknown; connectionId?: string };
  assert.equal(job.status, 'done');
  assert.deepEqual(job.result, { lines: 2, words: 3, bytes: 14 });
  assert.equal(job.connectionId, undefined);
  const unknown = await fetch(`${platform.domainUrl}/jobs/no-such-job`, { headers: { authorization: `Bearer ${PLATFORM_TOKEN}` } });
  assert.equal(unknown.status, 404);
  assert.equal((await fetch(`${platform.domainUrl}/jobs/${finished.jobId}`)).status, 401);
});

test('POST /uploads refuses a body without a connection id or with an unsafe file name, and stores nothing', async () => {
  const before = await adminJobs();
  for (const body of [{}, { connectionId: 'abc', fileName: '../etc/passwd' }, { connectionId: 'abc', fileName: 'a b.txt' }, 'not json']) {
    const res = await fetch(`${platform.domainUrl}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${PLATFORM_TOKEN}` }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match(((await res.json()) as { message: string }).message, /required|fileName/);
  }
  assert.equal((await adminJobs()).count, before.count);
});

test('the WebSocket API: a message for no route gets API Gateway\'s Forbidden frame, whoami answers again', async () => {
  const other = await openJobSocket(`${platform.domainUrl}/config`);
  try {
    assert.notEqual(other.connectionId, socket.connectionId);
    other.send({ action: 'deploy' });
    const refused = await other.next((m) => m.message === 'Forbidden');
    assert.equal(refused.connectionId, other.connectionId);
    assert.equal(typeof refused.requestId, 'string');
  } finally {
    other.close();
  }
});

test('a seeded fuzz of POST /uploads bodies: every answer is 201 or 400, never a 5xx, and the API stays up', async () => {
  let seed = 4004;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
  const values = [undefined, null, '', 'a.txt', '../x', 'ünï.txt', 42, true, [], {}, 'x'.repeat(300), socket.connectionId];
  for (let i = 0; i < 40; i++) {
    const body = random() < 0.2 ? String.fromCharCode(...Array.from({ length: 12 }, () => Math.floor(random() * 256))) : JSON.stringify({ connectionId: pick(values), fileName: pick(values), contentType: pick(values) });
    const res = await fetch(`${platform.domainUrl}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${PLATFORM_TOKEN}` }, body });
    const text = await res.text();
    assert.ok(res.status === 201 || res.status === 400, `${res.status} for ${body}: ${text}`);
  }
  assert.equal((await fetch(`${platform.domainUrl}/config`)).status, 200);
});

async function adminJobs(): Promise<{ count: number; jobs: { jobId: string; status: string; fileName: string; result?: unknown }[] }> {
  const res = await fetch(`${platform.domainUrl}/admin/jobs`, { headers: { 'x-admin-token': ADMIN_TOKEN } });
  assert.equal(res.status, 200);
  return (await res.json()) as Awaited<ReturnType<typeof adminJobs>>;
}

test('the admin API answers under /admin on the same domain, behind its own REQUEST authorizer', async () => {
  const listed = await adminJobs();
  const job = listed.jobs.find((j) => j.jobId === finished.jobId);
  assert.ok(job, JSON.stringify(listed));
  assert.equal(job.status, 'done');
  assert.deepEqual(job.result, { lines: 2, words: 3, bytes: 14 });
  const missing = await fetch(`${platform.domainUrl}/admin/jobs`);
  assert.equal(missing.status, 401);
  assert.deepEqual(await missing.json(), { message: 'Unauthorized' });
  const wrong = await fetch(`${platform.domainUrl}/admin/jobs`, { headers: { 'x-admin-token': PLATFORM_TOKEN } });
  assert.equal(wrong.status, 403);
  // The developer's token is not an admin token, and the admin API is not on the platform API's paths.
  const notHere = await fetch(`${platform.domainUrl}/jobs`, { headers: { 'x-admin-token': ADMIN_TOKEN } });
  assert.equal(notHere.status, 403);
  assert.deepEqual(await notHere.json(), { message: 'Missing Authentication Token' });
});

test('static files come from the site bucket through /static/{proxy+} with their Content-Type', async () => {
  const cases: [string, RegExp, RegExp][] = [
    ['index.html', /^text\/html/, /<title>dev platform<\/title>/],
    ['global/css/all.css', /^text\/css/, /font-family/],
    ['main/js/app.js', /javascript/, /openJobSocket/],
  ];
  for (const [path, type, content] of cases) {
    const res = await fetch(`${platform.domainUrl}/static/${path}`);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type') ?? '', type, path);
    assert.match(res.headers.get('etag') ?? '', /^"[0-9a-f]{32}"$/);
    assert.equal(res.headers.get('cache-control'), 'max-age=60');
    assert.match(await res.text(), content);
  }
});

test("a missing static file is 404 with S3's NoSuchKey for the key under static/", async () => {
  const res = await fetch(`${platform.domainUrl}/static/main/js/missing.js`);
  assert.equal(res.status, 404);
  const text = await res.text();
  assert.match(text, /<Code>NoSuchKey<\/Code>/);
  assert.match(text, /<Key>static\/main\/js\/missing\.js<\/Key>/);
});

test('the POST policy refuses a file over MaxUploadBytes and a key other than the offered one; nothing is stored', async () => {
  const upload = await offer('big.txt');
  const tooBig = await postToBucket(upload, Buffer.alloc(MAX_UPLOAD_BYTES + 1, 'a'));
  assert.equal(tooBig.status, 400);
  assert.match(tooBig.text, /<Code>EntityTooLarge<\/Code>/);
  const empty = await postToBucket(upload, Buffer.alloc(0));
  assert.equal(empty.status, 400);
  assert.match(empty.text, /<Code>EntityTooSmall<\/Code>/);
  const otherKey = await postToBucket(upload, Buffer.from('hello'), { key: `uploads/${upload.jobId}/other.txt` });
  assert.equal(otherKey.status, 403);
  assert.match(otherKey.text, /<Code>AccessDenied<\/Code>/);
  const message = otherKey.text.match(/<Message>(.*)<\/Message>/)?.[1].replaceAll('&quot;', '"');
  assert.equal(message, `Invalid according to Policy: Policy Condition failed: ["eq", "$key", "${upload.key}"]`);
  const otherType = await postToBucket(upload, Buffer.from('hello'), { 'Content-Type': 'text/html' });
  assert.equal(otherType.status, 403);
  for (const key of [upload.key, `uploads/${upload.jobId}/other.txt`]) {
    await assert.rejects(platform.s3.send(new HeadObjectCommand({ Bucket: UPLOAD_BUCKET, Key: key })), { name: 'NotFound' });
  }
  const { Item } = await platform.tables.send(new GetCommand({ TableName: await platform.jobsTable(), Key: { jobId: upload.jobId } }));
  assert.equal(Item?.status, 'waiting-for-upload');
});

test('a job whose page has gone finishes anyway: GoneException from @connections is logged, the row is done', async () => {
  const upload = await offer('orphan.txt', 'Tm90QUNvbm5lY3Rpb24=');
  assert.equal((await postToBucket(upload, Buffer.from('x'))).status, 204);
  await waitForLog(`job ${upload.jobId}: connection Tm90QUNvbm5lY3Rpb24= is gone`);
  const { Item } = await platform.tables.send(new GetCommand({ TableName: await platform.jobsTable(), Key: { jobId: upload.jobId } }));
  assert.equal(Item?.status, 'done');
});

/** Polls FilterLogEvents on the job's log group until a line holds the text (no fixed sleep: each call waits on the last). */
async function waitForLog(text: string, timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = (await platform.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/JobFunction', filterPattern: `"${text}"` }))).events ?? [];
    if (events.length > 0) return events.map((e) => e.message ?? '');
    if (Date.now() > deadline) throw new Error(`no log line with ${text}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test("the job's lines are in /aws/lambda/JobFunction: the Logs SDK and `aws logs tail --follow` read them", async () => {
  const lines = await waitForLog(`job ${finished.jobId}: done`);
  assert.match(lines[0], /done \{"lines":2,"words":3,"bytes":14\}/);
  const all = (await platform.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/JobFunction' }))).events ?? [];
  assert.ok(all.some((e) => e.message?.startsWith('START RequestId:')));
  assert.ok(all.some((e) => e.message?.includes(`job ${finished.jobId}: reported to ${socket.connectionId}`)));

  // The seed's command, against the edge port: wait until the line shows up, then stop following.
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
  const tail = spawn('/usr/bin/aws', ['logs', 'tail', '/aws/lambda/JobFunction', '--follow', '--since', '1h', '--endpoint-url', platform.stratus.edgeUrl], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const seen = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      tail.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes(`job ${finished.jobId}: done`)) resolve(out);
      });
      tail.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
      tail.once('exit', (code) => reject(new Error(`aws logs tail exited with ${code}: ${err}\n${out}`)));
    });
    assert.match(seen, /\/aws\/lambda\/JobFunction|JobFunction|\d{4}-\d{2}-\d{2}T/);
  } finally {
    tail.kill();
  }
});

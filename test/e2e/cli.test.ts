/** The `stratus` command line as a user runs it: output, exit codes, and clear errors. */
import { test, after } from 'node:test';
import { json } from '../support/json';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runStratus, startStratus, tempDir, removeDir, BIN, REPO } from '../support/stratus-process';

const dirs: string[] = [];
const scratch = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
after(() => dirs.forEach(removeDir));

test('--help lists every command', async () => {
  const { code, stdout } = await runStratus(['--help']);
  assert.equal(code, 0);
  for (const cmd of ['start', 'invoke', 'logs', 'validate', 'generate-event']) assert.match(stdout, new RegExp(`\\b${cmd}\\b`));
  const start = await runStratus(['start', '--help']);
  assert.match(start.stdout, /--edge-port/);
  assert.match(start.stdout, /--parameter-overrides/);
});

test('wrong usage exits non-zero with a one-line reason and no stack trace', async () => {
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['start', '--port', 'abc'], /expected a port number/],
    [['start', 'no/such/dir'], /no\/such\/dir/],
    [['invoke'], /missing required argument 'function'/],
    [['invoke', 'Nope', 'examples/hello', '--state-dir', scratch()], /no function "Nope" in the template \(functions: HelloFunction, TypedFunction, PythonFunction, FilesFunction\)/],
    [['invoke', 'HelloFunction', 'examples/hello', '--event', 'missing.json'], /cannot read event missing\.json: ENOENT/],
    [['start', 'examples/hello', '--parameter-overrides', 'Greeting=Bonjour', '--port', '0', '--edge-port', '0', '--state-dir', scratch()], /Greeting/],
    [['generate-event', 'nonsense'], /unknown event kind "nonsense"/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await runStratus(args);
    assert.notEqual(code, 0, `${args.join(' ')} should fail`);
    assert.match(stderr, message, `${args.join(' ')}: ${stderr}`);
    assert.doesNotMatch(stderr, /\n\s+at /, `${args.join(' ')} printed a stack trace: ${stderr}`);
  }
});

test('a port already in use is a one-line error naming the flag', async () => {
  const net = await import('node:net');
  const blocker = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  const { port } = blocker.address() as { port: number };
  try {
    const api = await runStratus(['start', 'examples/hello', '--port', String(port), '--edge-port', '0', '--state-dir', scratch()]);
    assert.equal(api.code, 1);
    assert.equal(api.stderr.trim(), `stratus: port ${port} on 127.0.0.1 is already in use (choose another with --port)`);
    const edge = await runStratus(['start', 'examples/hello', '--port', '0', '--edge-port', String(port), '--state-dir', scratch()]);
    assert.equal(edge.code, 1);
    assert.match(edge.stderr, /choose another with --edge-port/);
  } finally {
    blocker.close();
  }
});

test('invoke prints the response on stdout and the Lambda log lines on stderr', async () => {
  const stateDir = scratch();
  const { code, stdout, stderr } = await runStratus(['invoke', 'HelloFunction', 'examples/hello', '--event', 'examples/hello/events/hello.json', '--state-dir', stateDir]);
  assert.equal(code, 0, stderr);
  const response = JSON.parse(stdout);
  assert.equal(response.statusCode, 200);
  assert.equal(JSON.parse(response.body).message, 'Hello, Stratus!');
  assert.match(stderr, /START RequestId: [0-9a-f-]{36} Version: \$LATEST/);
  assert.match(stderr, /INFO\tgreeting Stratus/);
  assert.match(stderr, /REPORT RequestId: .*Init Duration: [\d.]+ ms/);

  const logs = await runStratus(['logs', 'HelloFunction', 'examples/hello', '--state-dir', stateDir]);
  assert.equal(logs.code, 0, logs.stderr);
  assert.match(logs.stdout, /greeting Stratus/);
  const filtered = await runStratus(['logs', 'HelloFunction', 'examples/hello', '--state-dir', stateDir, '--filter', 'REPORT Init']);
  assert.equal(filtered.stdout.trim().split('\n').length, 1);
});

test('invoke reads the event from standard input and prints a function error as Lambda does', async () => {
  const piped = await runStratus(['invoke', 'TypedFunction', 'examples/hello', '--event', '-', '--state-dir', scratch()], {
    input: JSON.stringify({ pathParameters: { name: 'stdin' } }),
  });
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(JSON.parse(JSON.parse(piped.stdout).body).shouted, 'STDIN!');

  const failed = await runStratus(['invoke', 'FailFunction', 'test/fixtures/apps/behaviours', '--state-dir', scratch()]);
  const error = JSON.parse(failed.stdout);
  assert.equal(error.errorType, 'TypeError');
  assert.equal(error.errorMessage, 'deliberate failure');
  assert.ok(Array.isArray(error.trace));
});

test('validate reports the resource, the property and the line:column', async () => {
  const ok = await runStratus(['validate', 'examples/hello']);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /valid/);
  const bad = await runStratus(['validate', 'test/fixtures/templates-cli/broken.yaml']);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /broken\.yaml:7:\d+: Broken\.Properties\.CodeUri: .*does-not-exist/);
  assert.match(bad.stdout, /broken\.yaml:18:\d+: AlsoBroken\.Properties\.Environment\.Variables\.QUEUE.*MissingQueue/);
});

test('generate-event prints sample events', async () => {
  const v2 = await runStratus(['generate-event', 'apigateway-http-api-proxy', '--method', 'POST', '--path', '/orders']);
  assert.equal(v2.code, 0, v2.stderr);
  const event = JSON.parse(v2.stdout);
  assert.equal(event.version, '2.0');
  assert.equal(event.requestContext.http.method, 'POST');
  assert.equal(event.rawPath, '/orders');
  const sqs = JSON.parse((await runStratus(['generate-event', 'sqs-receive-message', '--body', 'hi'])).stdout);
  assert.equal(sqs.Records[0].body, 'hi');
  assert.equal(sqs.Records[0].eventSource, 'aws:sqs');
  const s3 = JSON.parse((await runStratus(['generate-event', 's3-put', '--bucket', 'b', '--key', 'k.txt'])).stdout);
  assert.equal(s3.Records[0].s3.bucket.name, 'b');
  assert.equal(s3.Records[0].s3.object.key, 'k.txt');
});

test('logs --follow prints lines written by a running stratus start', async () => {
  const app = await startStratus(['examples/hello']);
  try {
    const follower = spawn(process.execPath, [BIN, 'logs', 'HelloFunction', 'examples/hello', '--follow', '--state-dir', app.stateDir], { cwd: REPO });
    let out = '';
    follower.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    await new Promise((r) => setTimeout(r, 500));
    await fetch(`${app.apis.ServerlessHttpApi}/hello?name=Follower`);
    const deadline = Date.now() + 5000;
    while (!/greeting Follower/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    follower.kill('SIGINT');
    assert.match(out, /greeting Follower/);
  } finally {
    await app.stop();
  }
});

test('SIGTERM lets an in-flight request finish, then exits 0', async () => {
  const app = await startStratus(['test/fixtures/apps/behaviours']);
  const inFlight = fetch(`${app.apis.ServerlessHttpApi}/slow?ms=400`);
  await new Promise((r) => setTimeout(r, 100));
  const exit = app.stop('SIGTERM');
  const res = await inFlight;
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'slept 400');
  assert.equal(await exit, 0);
  removeDir(app.stateDir);
});

test('editing a handler takes effect without a restart', async () => {
  const dir = scratch();
  cpSync(join(REPO, 'examples/hello'), dir, { recursive: true, filter: (src) => !src.includes('.stratus') });
  const app = await startStratus([dir]);
  try {
    const url = `${app.apis.ServerlessHttpApi}/files/x`;
    assert.deepEqual(await json(await fetch(url)), { method: 'GET', path: 'x' });
    writeFileSync(join(dir, 'src/files.js'), "export const handler = async () => ({ statusCode: 200, body: 'edited' });\n");
    const deadline = Date.now() + 5000;
    let text = '';
    while (Date.now() < deadline) {
      text = await (await fetch(url)).text();
      if (text === 'edited') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(text, 'edited');
  } finally {
    await app.stop();
  }
});

test('malformed HTTP never takes the server down', async () => {
  const app = await startStratus(['examples/hello']);
  try {
    const { port } = new URL(app.apis.ServerlessHttpApi);
    const net = await import('node:net');
    for (const garbage of ['GARBAGE\r\n\r\n', 'GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n', `GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`]) {
      const reply = await new Promise<string>((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => socket.end(garbage));
        let data = '';
        socket.on('data', (d) => (data += d));
        socket.on('close', () => resolve(data));
        socket.on('error', () => resolve(data));
      });
      assert.match(reply, /^HTTP\/1\.1 4\d\d/, `reply to ${garbage.slice(0, 20)}: ${reply.slice(0, 80)}`);
    }
    assert.equal((await fetch(`${app.apis.ServerlessHttpApi}/hello`)).status, 200);
  } finally {
    await app.stop();
  }
});

test('--credentials turns on SigV4 checking at the edge; a bad pair is a usage error', async () => {
  const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const app = await startStratus(['examples/hello', '--credentials', 'AKIDSTRICT:strict-secret']);
  try {
    const client = (secretAccessKey: string) => new STSClient({ endpoint: app.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSTRICT', secretAccessKey } });
    const ok = await client('strict-secret').send(new GetCallerIdentityCommand({}));
    assert.equal(ok.Account, '000000000000');
    await assert.rejects(client('wrong-secret').send(new GetCallerIdentityCommand({})), (err: Error) => err.name === 'SignatureDoesNotMatch');
  } finally {
    await app.stop();
    removeDir(app.stateDir);
  }
  const bad = await runStratus(['start', 'examples/hello', '--credentials', 'nocolon', '--state-dir', scratch()]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--credentials: expected ACCESS_KEY_ID:SECRET_ACCESS_KEY/);
});

test('invoke beside a running stratus start points the handler\'s SDK at its edge port', async () => {
  const app = await startStratus(['test/fixtures/apps/behaviours']);
  try {
    const { code, stdout, stderr } = await runStratus(['invoke', 'EchoV2Function', 'test/fixtures/apps/behaviours', '--state-dir', app.stateDir]);
    assert.equal(code, 0, stderr);
    assert.equal(JSON.parse(JSON.parse(stdout).body).env.AWS_ENDPOINT_URL, app.edgeUrl);
  } finally {
    await app.stop();
    removeDir(app.stateDir);
  }
});

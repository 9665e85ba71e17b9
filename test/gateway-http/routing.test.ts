import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { api, route, start, type Started } from './helpers';

/** Each function answers with its own name and the path parameters it got. */
const named = (name: string) => (event: any) => ({ statusCode: 200, body: JSON.stringify({ name, params: event.pathParameters ?? null }) });

async function hit(base: string, path: string, method = 'GET') {
  const res = await fetch(base + path, { method });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

describe('HTTP API routing (Working with routes for HTTP APIs: routing rules)', () => {
  let s: Started;
  before(async () => {
    s = await start(
      [
        api('http', [
          route('GET', '/pets/dog/1', 'Exact'),
          route('GET', '/pets/dog/{id}', 'Param'),
          route('GET', '/pets/{proxy+}', 'PetsGreedy'),
          route('ANY', '/{proxy+}', 'AnyGreedy'),
          route('POST', '/items', 'PostItems'),
          route('ANY', '/items', 'AnyItems'),
          route('GET', '/a/{x}', 'LiteralFirst'),
          route('GET', '/{y}/b', 'ParamFirst'),
          route('GET', '/handler', 'Handler'),
          route('GET', '/handler/{proxy+}', 'HandlerGreedy'),
          route('GET', '/Case', 'Case'),
        ]),
      ],
      Object.fromEntries(
        ['Exact', 'Param', 'PetsGreedy', 'AnyGreedy', 'PostItems', 'AnyItems', 'LiteralFirst', 'ParamFirst', 'Handler', 'HandlerGreedy', 'Case'].map(
          (n) => [n, named(n)],
        ),
      ),
    );
  });
  after(() => s.servers.close());

  it('picks exact, then {param}, then greedy, as in the AWS example table', async () => {
    assert.equal((await hit(s.url, '/pets/dog/1')).json.name, 'Exact');
    assert.deepEqual((await hit(s.url, '/pets/dog/2')).json, { name: 'Param', params: { id: '2' } });
    assert.deepEqual((await hit(s.url, '/pets/cat/1')).json, { name: 'PetsGreedy', params: { proxy: 'cat/1' } });
    assert.deepEqual((await hit(s.url, '/pets/dog/1', 'POST')).json, { name: 'AnyGreedy', params: { proxy: 'pets/dog/1' } });
  });

  it('prefers a specific method over ANY on the same path', async () => {
    assert.equal((await hit(s.url, '/items', 'POST')).json.name, 'PostItems');
    assert.equal((await hit(s.url, '/items', 'DELETE')).json.name, 'AnyItems');
  });

  it('compares segments left to right: the longest literal prefix wins', async () => {
    assert.equal((await hit(s.url, '/a/b')).json.name, 'LiteralFirst');
    assert.equal((await hit(s.url, '/c/b')).json.name, 'ParamFirst');
  });

  it('keeps trailing slashes significant; {proxy+} takes an empty remainder after the slash', async () => {
    assert.equal((await hit(s.url, '/handler')).json.name, 'Handler');
    assert.deepEqual((await hit(s.url, '/handler/')).json, { name: 'HandlerGreedy', params: { proxy: '' } });
  });

  it('decodes path parameters and matches paths case-sensitively', async () => {
    assert.deepEqual((await hit(s.url, '/pets/dog/a%20b')).json.params, { id: 'a b' });
    assert.deepEqual((await hit(s.url, '/pets/x%2Fy')).json.params, { proxy: 'x/y' });
    assert.equal((await hit(s.url, '/Case')).json.name, 'Case');
    assert.equal((await hit(s.url, '/case')).json.name, 'AnyGreedy');
  });

  it('answers 400 to a path with broken percent-encoding, and keeps serving', async () => {
    const res = await hit(s.url, '/pets/dog/%E0%A4%A');
    assert.equal(res.status, 400);
    assert.equal((await hit(s.url, '/pets/dog/1')).status, 200);
  });
});

describe('HTTP API $default and missing routes', () => {
  let s: Started;
  before(async () => {
    s = await start(
      [
        api('http', [route('GET', '/known', 'Known'), route('ANY', '$default', 'Fallback')]),
        api('http', [route('GET', '/only', 'Known')], { logicalId: 'Second' }),
      ],
      { Known: named('Known'), Fallback: (e: any) => ({ statusCode: 200, body: JSON.stringify({ routeKey: e.routeKey }) }) },
    );
  });
  after(() => s.servers.close());

  it('sends unmatched requests to $default with routeKey "$default"', async () => {
    assert.deepEqual((await hit(s.urls[0], '/anything/else', 'PUT')).json, { routeKey: '$default' });
    assert.equal((await hit(s.urls[0], '/known')).json.name, 'Known');
  });

  it('answers 404 {"message":"Not Found"} with apigw-requestid when nothing matches', async () => {
    const res = await fetch(s.urls[1] + '/missing');
    assert.equal(res.status, 404);
    assert.equal(await res.text(), '{"message":"Not Found"}');
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.match(res.headers.get('apigw-requestid') ?? '', /^[A-Za-z0-9_-]{15}=$/);
  });

  it('serves each API on its own port, in model order', async () => {
    assert.notEqual(s.urls[0], s.urls[1]);
    assert.equal((await hit(s.urls[1], '/only')).json.name, 'Known');
    assert.equal((await hit(s.urls[1], '/known')).status, 404);
  });
});

describe('REST API routing', () => {
  let s: Started;
  before(async () => {
    s = await start(
      [api('rest', [route('GET', '/', 'Root'), route('GET', '/hello', 'Hello'), route('ANY', '/{proxy+}', 'Proxy'), route('GET', '/users/{id}', 'User')])],
      { Root: named('Root'), Hello: named('Hello'), Proxy: named('Proxy'), User: named('User') },
    );
  });
  after(() => s.servers.close());

  it('serves at the root and under the stage prefix alike', async () => {
    assert.equal((await hit(s.url, '/hello')).json.name, 'Hello');
    assert.equal((await hit(s.url, '/Prod/hello')).json.name, 'Hello');
    assert.equal((await hit(s.url, '/Prod')).json.name, 'Root');
    assert.deepEqual((await hit(s.url, '/Prod/users/7')).json, { name: 'User', params: { id: '7' } });
  });

  it('ignores a trailing slash; /{proxy+} never catches the root', async () => {
    assert.equal((await hit(s.url, '/hello/')).json.name, 'Hello');
    assert.equal((await hit(s.url, '/')).json.name, 'Root');
    assert.deepEqual((await hit(s.url, '/x/y/z', 'DELETE')).json, { name: 'Proxy', params: { proxy: 'x/y/z' } });
  });

  it('answers 403 Missing Authentication Token for an unknown route or method', async () => {
    const server = await start([api('rest', [route('GET', '/only', 'Root')])], { Root: named('Root') });
    try {
      for (const [path, method] of [['/nope', 'GET'], ['/only', 'POST']]) {
        const res = await fetch(server.url + path, { method });
        assert.equal(res.status, 403);
        assert.equal(await res.text(), '{"message":"Missing Authentication Token"}');
        assert.equal(res.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
        assert.match(res.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
        assert.ok(res.headers.get('x-amz-apigw-id'));
      }
    } finally {
      await server.servers.close();
    }
  });
});

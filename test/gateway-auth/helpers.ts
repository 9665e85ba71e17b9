/**
 * The auth fixture app run as `stratus start` (one instance per function, adjustable clock), an
 * OpenID issuer with a JWKS made by jose, and small request helpers.
 */
import { after, before } from 'node:test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type CryptoKey } from 'jose';
import { join } from 'node:path';
import { REPO, startStratus, removeDir, type StratusProcess } from '../support/stratus-process';

export const AUTH_APP = join(REPO, 'test/gateway-auth/fixtures/auth-app');

export interface Issuer {
  url: string;
  /** Requests to the discovery document and the key set. */
  fetches: { discovery: number; jwks: number };
  sign(claims: JWTPayload, options?: { expiresIn?: string | number; key?: 'own' | 'stranger'; alg?: string; issuer?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startIssuer(): Promise<Issuer> {
  const own = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(own.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  const fetches = { discovery: 0, jwks: 0 };
  let url = '';
  const server: Server = createServer((req, res) => {
    if (req.url === '/issuer/.well-known/openid-configuration') {
      fetches.discovery++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: url, jwks_uri: `${url}/keys.json` }));
    } else if (req.url === '/issuer/keys.json') {
      fetches.jwks++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/issuer`;
  return {
    url,
    fetches,
    async sign(claims, options = {}) {
      const key: CryptoKey = options.key === 'stranger' ? stranger.privateKey : own.privateKey;
      let jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'RS256', kid: 'key-1' }).setIssuedAt().setIssuer(options.issuer ?? url);
      jwt = jwt.setExpirationTime(options.expiresIn ?? '1h');
      return jwt.sign(key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface AuthApp {
  app: StratusProcess;
  rest: string;
  guarded: string;
  keyed: string;
  http: string;
  /** Generated value of the PER_API key SAM makes for KeyedApi. */
  generatedKey: string;
  advance(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The issuer and the auth app every gateway-auth test file runs against: started in `before`,
 * stopped in `after` (call at the top level of a test file); the fields are set once started.
 */
export function useAuthApp(): { issuer: Issuer; app: AuthApp } {
  const started = {} as { issuer: Issuer; app: AuthApp };
  before(async () => {
    started.issuer = await startIssuer();
    started.app = await startAuthApp(started.issuer.url);
  });
  after(async () => {
    await started.app?.stop();
    await started.issuer?.close();
  });
  return started;
}

export async function startAuthApp(issuerUrl: string): Promise<AuthApp> {
  const app = await startStratus([AUTH_APP, '--clock', 'adjustable', '--max-instances', '1', '--parameter-overrides', `Issuer=${issuerUrl}`]);
  const generatedKey = app.stdout().match(/API key KeyedApiApiKey: (\S+)/)?.[1] ?? '';
  return {
    app,
    rest: app.apis.RestApi,
    guarded: app.apis.GuardedPreflightApi,
    keyed: app.apis.KeyedApi,
    http: app.apis.HttpApi,
    generatedKey,
    async advance(ms) {
      const res = await fetch(`${app.edgeUrl}/_stratus/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
      if (res.status !== 200) throw new Error(`clock: ${res.status}`);
    },
    async stop() {
      await app.stop();
      removeDir(app.stateDir);
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): any;
}

export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

export const withAuth = (token: string, extra: Record<string, string> = {}): RequestInit => ({ headers: { authorization: token, ...extra } });

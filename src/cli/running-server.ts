/**
 * How CLI commands reach a running `stratus start`: `--edge-url`, else the `server.json` that
 * `start` writes into its state folder, else the default edge URL.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../shared/errors';
import { findTemplate } from '../template';
import { DEFAULTS, defaultStateDir } from '../app/config';

const SERVER_FILE = 'server.json';

export function recordRunningServer(stateDir: string, edgeUrl: string): () => void {
  const file = join(stateDir, SERVER_FILE);
  writeFileSync(file, JSON.stringify({ edgeUrl, pid: process.pid }) + '\n');
  return () => rmSync(file, { force: true });
}

/** The edge URL a running `stratus start` recorded in this state folder, if any. */
export function recordedServer(stateDir: string): string | undefined {
  try {
    const { edgeUrl } = JSON.parse(readFileSync(join(stateDir, SERVER_FILE), 'utf8')) as { edgeUrl?: string };
    return edgeUrl || undefined;
  } catch {
    return undefined;
  }
}

export interface ServerFlags {
  edgeUrl?: string;
  stateDir?: string;
  template?: string;
}

export function locateServer(flags: ServerFlags): string {
  if (flags.edgeUrl) return flags.edgeUrl.replace(/\/+$/, '');
  const stateDir = flags.stateDir ? resolve(flags.stateDir) : guessStateDir(flags.template);
  const recorded = stateDir ? recordedServer(stateDir) : undefined;
  if (recorded) return recorded;
  return `http://${DEFAULTS.host}:${DEFAULTS.edgePort}`;
}

function guessStateDir(template: string | undefined): string | undefined {
  try {
    return defaultStateDir(findTemplate(resolve(template ?? '.')));
  } catch {
    return undefined;
  }
}

/** Calls the control API of the running server; a connection failure says how to start one. */
export async function callControl(edgeUrl: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${edgeUrl}/_stratus/api/${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new UserError('NotRunning', `no Stratus answers at ${edgeUrl} (start one with \`stratus start\`, or pass --edge-url)`);
  }
  const answer = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!res.ok) throw new UserError(answer.code ?? 'ControlError', answer.message ?? `HTTP ${res.status}`);
  return answer;
}

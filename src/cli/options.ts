/**
 * Flag parsing shared by the commands: each flag is checked once here and turned into AppConfig.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { UserError } from '../shared/errors';
import { findTemplate } from '../template';
import { DEFAULTS, defaultEngineUrl, defaultStateDir, type AppConfig } from '../app/config';

export interface CommonFlags {
  template?: string;
  parameterOverrides?: string[];
  envVars?: string;
  stateDir?: string;
  engine?: string;
  region?: string;
  host?: string;
  port?: number;
  edgePort?: number;
  maxInstances?: number;
  hotReload?: boolean;
  clock?: string;
  smtpRelay?: string;
  credentials?: string[];
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return port;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
  return n;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * SAM accepts `Key=Value` pairs separated by spaces and the CloudFormation form
 * `ParameterKey=Key,ParameterValue=Value`; both are accepted here, in one or several flags.
 */
export function parseParameterOverrides(values: string[] = []): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values) {
    for (const token of splitTokens(value)) {
      const cfn = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(token);
      const pair = cfn ? [cfn[1], cfn[2]] : splitPair(token);
      if (!pair) throw new UserError('BadFlag', `--parameter-overrides: expected Key=Value, got "${token}"`);
      result[pair[0]] = pair[1];
    }
  }
  return result;
}

function splitTokens(value: string): string[] {
  const tokens = value.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  return tokens.map((t) => t.replace(/(["'])(.*?)\1/g, '$2'));
}

function splitPair(token: string): [string, string] | undefined {
  const eq = token.indexOf('=');
  if (eq <= 0) return undefined;
  return [token.slice(0, eq), token.slice(eq + 1)];
}

export function readEnvVarsFile(path: string | undefined): Record<string, Record<string, string>> {
  if (!path) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError('BadFlag', `--env-vars ${path}: ${(err as Error).message}`);
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(parsed) || !Object.values(parsed).every(isObject)) {
    throw new UserError('BadFlag', `--env-vars ${path}: expected {"FunctionId": {"VAR": "value"}, "Parameters": {...}}`);
  }
  return parsed as Record<string, Record<string, string>>;
}

export function buildConfig(target: string | undefined, flags: CommonFlags): AppConfig {
  const templatePath = findTemplate(resolve(flags.template ?? target ?? '.'));
  const stateDir = resolve(flags.stateDir ?? defaultStateDir(templatePath));
  return Object.freeze({
    templatePath,
    host: flags.host ?? DEFAULTS.host,
    port: flags.port ?? DEFAULTS.port,
    edgePort: flags.edgePort ?? DEFAULTS.edgePort,
    stateDir,
    engineUrl: flags.engine ?? process.env.STRATUS_ENGINE ?? defaultEngineUrl(stateDir),
    region: flags.region ?? process.env.AWS_REGION ?? DEFAULTS.region,
    accountId: DEFAULTS.accountId,
    parameterOverrides: parseParameterOverrides(flags.parameterOverrides),
    envVars: readEnvVarsFile(flags.envVars),
    maxInstances: flags.maxInstances,
    hotReload: flags.hotReload ?? true,
    adjustableClock: parseClockMode(flags.clock) === 'adjustable',
    smtpRelay: parseSmtpRelay(flags.smtpRelay ?? process.env.STRATUS_SMTP_RELAY),
    awsCredentials: parseCredentials(flags.credentials ?? splitEnvList(process.env.STRATUS_CREDENTIALS)),
    testPauseAfterTickClaimMs: testPauseMs(process.env.STRATUS_TEST_PAUSE_AFTER_TICK_CLAIM_MS),
  });
}

/** STRATUS_TEST_PAUSE_AFTER_TICK_CLAIM_MS: for crash tests only (see services/schedules/firing.ts). */
function testPauseMs(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) throw new UserError('BadEnv', `STRATUS_TEST_PAUSE_AFTER_TICK_CLAIM_MS: expected a whole number of ms, got "${value}"`);
  return ms;
}

export function parseClockMode(value: string | undefined): 'system' | 'adjustable' {
  if (value === undefined || value === 'system') return 'system';
  if (value === 'adjustable') return 'adjustable';
  throw new UserError('BadFlag', `--clock: expected "system" or "adjustable", got "${value}"`);
}

/**
 * `--credentials AKID:SECRET` (repeatable, or STRATUS_CREDENTIALS="AKID:SECRET,AKID2:SECRET2")
 * turns on strict mode: the edge port then checks every request's SigV4 signature against them.
 */
export function parseCredentials(values: string[] | undefined): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined;
  const pairs: Record<string, string> = {};
  for (const value of values) {
    const colon = value.indexOf(':');
    if (colon <= 0 || colon === value.length - 1) throw new UserError('BadFlag', `--credentials: expected ACCESS_KEY_ID:SECRET_ACCESS_KEY, got "${value}"`);
    pairs[value.slice(0, colon)] = value.slice(colon + 1);
  }
  return pairs;
}

function splitEnvList(value: string | undefined): string[] | undefined {
  return value ? value.split(',').map((v) => v.trim()).filter(Boolean) : undefined;
}

/** `smtp://host:port` or `smtps://…` (user:pass@ allowed); empty means no relay. */
export function parseSmtpRelay(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UserError('BadFlag', `--smtp-relay: expected a URL like smtp://127.0.0.1:1025, got "${value}"`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new UserError('BadFlag', `--smtp-relay: expected an smtp:// or smtps:// URL, got "${value}"`);
  }
  return url.toString();
}

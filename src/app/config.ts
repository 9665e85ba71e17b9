/**
 * Everything `stratus start` and friends need, parsed once at the CLI boundary and frozen.
 */
import { resolve, dirname, join } from 'node:path';

export interface AppConfig {
  templatePath: string;
  host: string;
  /** First app API port; each further API takes the next port. 0 = ephemeral (tests). */
  port: number;
  /** The AWS-compatible endpoints and the console. 0 = ephemeral. */
  edgePort: number;
  stateDir: string;
  engineUrl: string;
  region: string;
  accountId: string;
  parameterOverrides: Record<string, string>;
  /** SAM's --env-vars file content: { FunctionLogicalId: {VAR: value}, Parameters: {VAR: value} }. */
  envVars: Record<string, Record<string, string>>;
  maxInstances?: number;
  hotReload: boolean;
  /** Serve /_stratus/clock so tests can move time forward (off by default). */
  adjustableClock?: boolean;
  /**
   * Strict mode for the AWS endpoints: access key id → secret access key. When given, every AWS
   * request must carry a valid SigV4 signature made with one of these; by default any is accepted.
   */
  awsCredentials?: Record<string, string>;
  /** `smtp://host:port`: every mail the outbox accepts (SES, SNS e-mail) is also relayed there. */
  smtpRelay?: string;
  /** Test-only (env STRATUS_TEST_PAUSE_AFTER_TICK_CLAIM_MS): widens a schedule tick's claim-to-delivery window for crash tests. */
  testPauseAfterTickClaimMs?: number;
}

export const DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 3000,
  edgePort: 4566,
  region: 'us-east-1',
  accountId: '000000000000',
  stateDirName: '.stratus',
});

export function defaultStateDir(templatePath: string): string {
  return join(dirname(resolve(templatePath)), DEFAULTS.stateDirName);
}

export function defaultEngineUrl(stateDir: string): string {
  return `sqlite:${join(stateDir, 'stratus.db')}`;
}

/**
 * Starts the aws-edge fixture app through `startApp` (library use) on ephemeral ports, with a
 * fresh state folder, and gives clients pointed at its edge port.
 */
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/app/app';
import { DEFAULTS, defaultEngineUrl } from '../../src/app/config';
import { REPO, removeDir, tempDir } from '../support/stratus-process';

export const FIXTURE = join(REPO, 'test/fixtures/apps/aws-edge/template.yaml');
export const CREDENTIALS = { accessKeyId: 'AKIDSTRATUSTEST', secretAccessKey: 'stratus-test-secret' };

export interface EdgeApp {
  app: RunningApp;
  endpoint: string;
  /** Client config for SDK v3 clients. */
  client: { endpoint: string; region: string; credentials: typeof CREDENTIALS };
  /** Environment for CLIs and boto3. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startEdgeApp(options: { awsCredentials?: Record<string, string> } = {}): Promise<EdgeApp> {
  const stateDir = tempDir('stratus-aws-edge-');
  const app = await startApp({
    templatePath: FIXTURE,
    host: DEFAULTS.host,
    port: 0,
    edgePort: 0,
    stateDir,
    engineUrl: defaultEngineUrl(stateDir),
    region: DEFAULTS.region,
    accountId: DEFAULTS.accountId,
    parameterOverrides: {},
    envVars: {},
    hotReload: false,
    awsCredentials: options.awsCredentials,
  });
  const endpoint = app.edgeUrl;
  return {
    app,
    endpoint,
    client: { endpoint, region: 'us-east-1', credentials: CREDENTIALS },
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: endpoint,
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
    async close() {
      await app.close();
      removeDir(stateDir);
    },
  };
}

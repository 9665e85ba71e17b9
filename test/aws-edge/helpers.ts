/**
 * Starts the aws-edge fixture app through `startApp` (library use) on ephemeral ports, with a
 * fresh state folder, and gives clients pointed at its edge port.
 */
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/app/app';
import { REPO, removeDir, tempDir } from '../support/stratus-process';
import { awsCliEnv, testAppConfig } from '../support/aws-app';

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
  const app = await startApp(testAppConfig(FIXTURE, stateDir, { awsCredentials: options.awsCredentials }));
  const endpoint = app.edgeUrl;
  return {
    app,
    endpoint,
    client: { endpoint, region: 'us-east-1', credentials: CREDENTIALS },
    env: awsCliEnv(endpoint, CREDENTIALS),
    async close() {
      await app.close();
      removeDir(stateDir);
    },
  };
}

/**
 * Starts the DynamoDB fixture app through `startApp` (library use) on ephemeral ports with a
 * fresh state folder (or a given one, to test restarts), and gives SDK clients, a CLI
 * environment and a raw-request helper for its edge port.
 */
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startApp, type RunningApp } from '../../src/app/app';
import { AdjustableClock } from '../../src/shared/clock';
import { REPO, removeDir, tempDir } from '../support/stratus-process';
import { awsCliEnv, testAppConfig } from '../support/aws-app';

export const FIXTURE = join(REPO, 'test/aws-dynamodb/fixture/template.yaml');
export const CREDENTIALS = { accessKeyId: 'AKIDDYNAMOTEST', secretAccessKey: 'dynamo-test-secret' };

export interface DynamoApp {
  app: RunningApp;
  clock: AdjustableClock;
  endpoint: string;
  stateDir: string;
  /** `maxAttempts: 1` so error tests see the first answer. */
  ddb: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  env: NodeJS.ProcessEnv;
  /** Stops the app; the state folder is removed unless `keepState`. */
  close(keepState?: boolean): Promise<void>;
}

export async function startDynamoApp(options: { stateDir?: string; templatePath?: string; engineUrl?: string } = {}): Promise<DynamoApp> {
  const stateDir = options.stateDir ?? tempDir('stratus-aws-dynamodb-');
  const clock = new AdjustableClock();
  const app = await startApp(
    testAppConfig(options.templatePath ?? FIXTURE, stateDir, { ...(options.engineUrl && { engineUrl: options.engineUrl }) }),
    clock,
  );
  const endpoint = app.edgeUrl;
  const ddb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
  const doc = DynamoDBDocumentClient.from(ddb);
  return {
    app,
    clock,
    endpoint,
    stateDir,
    ddb,
    doc,
    env: awsCliEnv(endpoint, CREDENTIALS),
    async close(keepState = false) {
      ddb.destroy();
      await app.close();
      if (!keepState) removeDir(stateDir);
    },
  };
}

/** A raw DynamoDB JSON 1.0 request (unsigned: the edge accepts those unless strict). */
export async function rawRequest(endpoint: string, operation: string, body: string | Buffer, contentType = 'application/x-amz-json-1.0') {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-amz-target': `DynamoDB_20120810.${operation}` },
    body,
  });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

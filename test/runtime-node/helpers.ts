/** Shared set-up for the Node runtime tests: fixture copies, specs, instances, invocations. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lambdaEnvironment, newLogStreamName } from '../../src/runtime/environment';
import type { FunctionInstance, InvocationResult, LogLine, RuntimeDriver } from '../../src/runtime/types';
import type { FunctionSpec } from '../../src/template/model';
import { newRequestId } from '../../src/shared/ids';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'node-handlers');

/**
 * Fixtures are copied outside the repository: Lambda-like module resolution must not find
 * Stratus's own package.json ("type": "module") or node_modules by walking up from the handler.
 */
export function copyFixtures(): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stratus-node-rt-'));
  fs.cpSync(FIXTURES, dir, { recursive: true });
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function makeSpec(codeDir: string, handler: string, overrides: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    logicalId: 'TestFunction',
    name: 'test-function',
    runtime: 'nodejs20.x',
    family: 'nodejs',
    handler,
    codeDir,
    timeoutSeconds: 3,
    memoryMb: 128,
    environment: {},
    layerDirs: [],
    architectures: ['x86_64'],
    events: [],
    ...overrides,
  };
}

export interface Started {
  instance: FunctionInstance;
  logs: LogLine[];
  spec: FunctionSpec;
  invoke(payload?: unknown, options?: { timeoutMs?: number; clientContext?: string }): Promise<InvocationResult & { requestId: string }>;
}

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';

export async function start(driver: RuntimeDriver, spec: FunctionSpec, started: Started[]): Promise<Started> {
  const logs: LogLine[] = [];
  const environment = lambdaEnvironment(spec, { region: REGION, accountId: ACCOUNT, logStreamName: newLogStreamName() });
  const instance = await driver.createInstance({ spec, environment, onLog: (line) => logs.push(line) });
  const handle: Started = {
    instance,
    logs,
    spec,
    async invoke(payload = {}, options = {}) {
      const requestId = newRequestId();
      const result = await instance.invoke({
        requestId,
        payload: JSON.stringify(payload),
        deadline: Date.now() + (options.timeoutMs ?? spec.timeoutSeconds * 1000),
        clientContext: options.clientContext,
        invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${spec.name}`,
      });
      return { ...result, requestId };
    },
  };
  started.push(handle);
  return handle;
}

export async function disposeAll(started: Started[]): Promise<void> {
  await Promise.all(started.splice(0).map((s) => s.instance.dispose()));
}

export function payloadOf(result: InvocationResult): unknown {
  if (result.status !== 'success') throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return JSON.parse(result.payload);
}

/** Builds the context a caller (services/functions) hands to a process runtime driver. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { FunctionSpec } from '../../src/template/model';
import type { FunctionInstance, InstanceContext, InvocationRequest, LogLine, RuntimeDriver } from '../../src/runtime/types';

export const FIXTURES = fileURLToPath(new URL('../fixtures/process-handlers/', import.meta.url));
export const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:';

export function spec(overrides: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    logicalId: 'Fn',
    name: 'Fn',
    runtime: 'python3.12',
    family: 'python',
    handler: 'app.describe',
    codeDir: join(FIXTURES, 'python'),
    timeoutSeconds: 3,
    memoryMb: 128,
    environment: {},
    layerDirs: [],
    architectures: ['x86_64'],
    events: [],
    ...overrides,
  };
}

/** The variables Lambda defines (what runtime/environment.ts produces), enough for these tests. */
export function lambdaEnv(s: FunctionSpec): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_LAMBDA_FUNCTION_NAME: s.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(s.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${s.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
    AWS_EXECUTION_ENV: `AWS_Lambda_${s.runtime}`,
    AWS_REGION: 'us-east-1',
    _HANDLER: s.handler,
    ...s.environment,
  };
}

export interface Started {
  instance: FunctionInstance;
  logs: LogLine[];
  invoke(payload: unknown, extra?: Partial<InvocationRequest>): ReturnType<FunctionInstance['invoke']>;
}

let counter = 0;

export async function start(driver: RuntimeDriver, s: FunctionSpec): Promise<Started> {
  const logs: LogLine[] = [];
  const ctx: InstanceContext = { spec: s, environment: lambdaEnv(s), onLog: (line) => logs.push(line) };
  const instance = await driver.createInstance(ctx);
  return {
    instance,
    logs,
    invoke: (payload, extra = {}) =>
      instance.invoke({
        requestId: `req-${++counter}-${Date.now()}`,
        payload: JSON.stringify(payload),
        deadline: Date.now() + s.timeoutSeconds * 1000,
        invokedFunctionArn: ARN + s.name,
        ...extra,
      }),
  };
}

export const messages = (logs: LogLine[]): string[] => logs.map((l) => l.message);

/**
 * The Node.js runtime driver: nodejs18.x, nodejs20.x and nodejs22.x all run on the Node that
 * runs Stratus (20.x today), each instance in its own worker thread. What differs from Lambda
 * on purpose or by necessity is listed in src/runtime/node/README.md.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { layerNodeModuleDirs } from '../environment';
import type { FunctionInstance, InstanceContext, RuntimeDriver } from '../types';
import { esmHandlerNeedsHooks } from './hooks-needed';
import { NodeFunctionInstance } from './instance';
import type { LoaderHooksData, WorkerBootData } from './protocol';
import { runtimeScripts, stratusPackageRoot } from './scripts';
import { serveTypeScript } from './typescript';
import { needsEsmLoader } from './worker/load-handler';

export const SUPPORTED_NODE_RUNTIMES: ReadonlySet<string> = new Set(['nodejs18.x', 'nodejs20.x', 'nodejs22.x']);

/** Packages Lambda's Node runtimes provide without bundling (nodejs18.x on: the AWS SDK v3). */
export const DEFAULT_RUNTIME_MODULE_PREFIXES: readonly string[] = ['@aws-sdk/'];

/**
 * V8's young generation is separate from the old-generation cap. Kept small so MemorySize stays
 * close to the real ceiling; 16 MB is V8's own default semi-space budget on 64-bit.
 */
const YOUNG_GENERATION_MB = 16;

export interface NodeDriverOptions {
  /** Bare-specifier prefixes served from Stratus's own node_modules when the handler lacks them. */
  runtimeModulePrefixes?: readonly string[];
  /** Directory whose node_modules lookup serves those packages (default: Stratus's package root). */
  runtimeModulesBase?: string;
}

export function createNodeDriver(options: NodeDriverOptions = {}): RuntimeDriver {
  const prefixes = [...(options.runtimeModulePrefixes ?? DEFAULT_RUNTIME_MODULE_PREFIXES)];
  const runtimeModulesBase = options.runtimeModulesBase ?? stratusPackageRoot();
  return {
    supports: (runtime) => SUPPORTED_NODE_RUNTIMES.has(runtime),
    async createInstance(ctx: InstanceContext): Promise<FunctionInstance> {
      const scripts = await runtimeScripts();
      // Registering hooks costs a loader thread (~30 ms); CommonJS handlers do without, and so do
      // ES modules that cannot reach anything the hooks add (see hooks-needed.ts).
      const useHooks = needsEsmLoader(ctx.spec.codeDir, ctx.spec.handler) && esmHandlerNeedsHooks(ctx.spec.codeDir, ctx.spec.layerDirs, prefixes);
      const compiler = useHooks ? new MessageChannel() : undefined;
      const hooksData: LoaderHooksData = {
        layerNodeModules: layerNodeModuleDirs(ctx.spec.layerDirs, ctx.spec.runtime),
        runtimeModulePrefixes: prefixes,
        runtimeModulesBase,
        compilerPort: compiler?.port2,
      };
      const boot: WorkerBootData = {
        handler: ctx.spec.handler,
        codeDir: ctx.spec.codeDir,
        hooksUrl: useHooks ? scripts.hooksUrl : null,
        hooksData,
        spawnedAt: performance.timeOrigin + performance.now(),
      };
      if (compiler) serveTypeScript(compiler.port1);
      const worker = new Worker(scripts.workerUrl, {
        workerData: boot,
        transferList: compiler ? [compiler.port2] : [],
        env: ctx.environment,
        execArgv: [],
        stdout: true,
        stderr: true,
        name: `stratus:${ctx.spec.name}`,
        resourceLimits: { maxOldGenerationSizeMb: ctx.spec.memoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      worker.once('exit', () => compiler?.port1.close());
      return new NodeFunctionInstance(worker, ctx);
    },
  };
}

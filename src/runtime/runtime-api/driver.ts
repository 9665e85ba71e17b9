/**
 * A RuntimeDriver whose instances are processes speaking the Lambda Runtime API. What differs
 * between runtimes (which command, which variables) is a RuntimeLauncher; the rest is shared.
 */
import type { FunctionInstance, InstanceContext, RuntimeDriver } from '../types';
import type { RuntimeLauncher } from './launch';
import { ProcessInstance } from './process-instance';

export function createLauncherDriver(launchers: RuntimeLauncher[]): RuntimeDriver {
  const live = new Set<FunctionInstance>();
  const launcherFor = (runtime: string) => launchers.find((l) => l.supports(runtime));
  return {
    supports: (runtime) => launcherFor(runtime) !== undefined,
    async createInstance(ctx: InstanceContext): Promise<FunctionInstance> {
      const launcher = launcherFor(ctx.spec.runtime);
      if (!launcher) throw new Error(`no process runtime for ${ctx.spec.runtime}`);
      const instance: ProcessInstance = await ProcessInstance.start(ctx, await launcher.plan(ctx), () => live.delete(instance));
      live.add(instance);
      return instance;
    },
    async close() {
      await Promise.all([...live].map((i) => i.dispose()));
    },
  };
}

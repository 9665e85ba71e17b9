/**
 * The SQS domain service: the only code that knows SQS's rules. Operations take and return the
 * SQS API's shapes (see types.ts) and throw SqsError; no HTTP here.
 */
import type { AppModel } from '../../template/model';
import { createAdmin } from './admin';
import { createContext, type QueueServiceOptions } from './context';
import { createMessageOps } from './message-ops';
import { createMoveTasks } from './move-tasks';
import { createReceive } from './receive';
import { createSend } from './send';
import { ensureTemplateQueues } from './template';

export type QueueService = ReturnType<typeof createQueueService>;

export function createQueueService(options: QueueServiceOptions) {
  const closing = new AbortController();
  const ctx = createContext(Object.freeze({ ...options }), closing.signal);
  const admin = createAdmin(ctx);
  const moveTasks = createMoveTasks(ctx);
  return {
    ...admin,
    ...createSend(ctx),
    ...createReceive(ctx),
    ...createMessageOps(ctx),
    ...moveTasks,
    /** Creates or updates every AWS::SQS::Queue of the template; returns their names. */
    ensureTemplateQueues: (model: AppModel) => ensureTemplateQueues(ctx, admin, model),
    /** Drops expired messages now (receives also drop them lazily). */
    sweep: () => options.store.sweep(options.clock.now()),
    /** Ends pending long polls (they answer with no messages) and stops move tasks. */
    async close(): Promise<void> {
      closing.abort();
      await moveTasks.settled();
    },
  };
}

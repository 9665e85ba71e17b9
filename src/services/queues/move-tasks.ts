/**
 * StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask (DLQ redrive). The engine
 * moves slices atomically; this module paces them on the service clock: with
 * MaxNumberOfMessagesPerSecond, one slice of that size per second; without it, as fast as
 * possible in slices of UNPACED_SLICE ("system optimized" in SQS's words).
 */
import type { MoveTaskRecord } from '../../engine/types';
import type { QueueContext } from './context';
import { invalidParameter, invalidParameterValue, resourceNotFound } from './errors';
import { LIST_MOVE_TASKS_MAX_RESULTS, MOVE_TASK_MAX_PER_SECOND } from './limits';
import { nameFromArn, queueArn } from './names';
import type { MessageMoveTaskResult } from './types';

const UNPACED_SLICE = 100;
const SECOND_MS = 1_000;

export function createMoveTasks(ctx: QueueContext) {
  const running = new Map<string, Promise<void>>();

  /** The task handle carries the source ARN too, as SQS's opaque handles do. */
  const handleOf = (task: MoveTaskRecord) => Buffer.from(JSON.stringify({ taskId: task.taskId, sourceArn: queueArn(ctx, task.source) })).toString('base64');

  const drive = (taskId: string) => {
    if (!running.has(taskId)) running.set(taskId, loop(taskId).finally(() => running.delete(taskId)));
  };

  const loop = async (taskId: string) => {
    {
      for (;;) {
        if (ctx.closing.aborted) return;
        const task = await ctx.store.getMoveTask(taskId);
        if (!task || task.status !== 'RUNNING') return;
        const sliceStart = ctx.clock.now();
        const after = await ctx.store.stepMoveTask(taskId, task.maxPerSecond ?? UNPACED_SLICE, sliceStart);
        if (!after || after.status !== 'RUNNING') return;
        if (task.maxPerSecond) await ctx.clock.sleepUntil(sliceStart + SECOND_MS, ctx.closing).catch(() => undefined);
        else await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };

  const toResult = (task: MoveTaskRecord): MessageMoveTaskResult => ({
    ...(task.status === 'RUNNING' && { TaskHandle: handleOf(task) }),
    Status: task.status,
    SourceArn: queueArn(ctx, task.source),
    ...(task.destination !== undefined && { DestinationArn: queueArn(ctx, task.destination) }),
    ...(task.maxPerSecond !== undefined && { MaxNumberOfMessagesPerSecond: task.maxPerSecond }),
    ApproximateNumberOfMessagesMoved: task.moved,
    ApproximateNumberOfMessagesToMove: task.toMove,
    ...(task.failureReason !== undefined && { FailureReason: task.failureReason }),
    StartedTimestamp: task.startedAt,
  });

  const sourceQueue = async (arn: string) => {
    const name = nameFromArn(ctx, arn);
    const queue = name === undefined ? undefined : await ctx.store.getQueue(name);
    if (!queue) throw resourceNotFound('The resource that you specified for the SourceArn parameter doesn\'t exist.');
    return queue;
  };

  return {
    async startMessageMoveTask(input: { SourceArn: string; DestinationArn?: string; MaxNumberOfMessagesPerSecond?: number }) {
      const source = await sourceQueue(input.SourceArn);
      const isDeadLetterQueue = (await ctx.store.listQueues()).some((q) => q.settings.redrive?.deadLetterQueue === source.name);
      if (!isDeadLetterQueue) throw invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
      let destination: string | undefined;
      if (input.DestinationArn !== undefined) {
        destination = nameFromArn(ctx, input.DestinationArn);
        if (destination === undefined || !(await ctx.store.getQueue(destination))) {
          throw resourceNotFound('The resource that you specified for the DestinationArn parameter doesn\'t exist.');
        }
      }
      const rate = input.MaxNumberOfMessagesPerSecond;
      if (rate !== undefined && (!Number.isInteger(rate) || rate < MOVE_TASK_MAX_PER_SECOND.min || rate > MOVE_TASK_MAX_PER_SECOND.max)) {
        throw invalidParameter('MaxNumberOfMessagesPerSecond', rate, 'Must be an integer between 1 and 500.');
      }
      const task = await ctx.store.startMoveTask({ source: source.name, destination, maxPerSecond: rate }, ctx.clock.now());
      if (!task) throw invalidParameterValue('There is already a task running. Only one active task is allowed for a source queue arn at a given time.');
      drive(task.taskId);
      return { TaskHandle: handleOf(task) };
    },

    async listMessageMoveTasks(input: { SourceArn: string; MaxResults?: number }) {
      const source = await sourceQueue(input.SourceArn);
      const max = input.MaxResults ?? LIST_MOVE_TASKS_MAX_RESULTS.default;
      if (!Number.isInteger(max) || max < LIST_MOVE_TASKS_MAX_RESULTS.min || max > LIST_MOVE_TASKS_MAX_RESULTS.max) {
        throw invalidParameter('MaxResults', max, 'Must be an integer between 1 and 10.');
      }
      return { Results: (await ctx.store.listMoveTasks(source.name, max)).map(toResult) };
    },

    async cancelMessageMoveTask(input: { TaskHandle: string }) {
      const taskId = taskIdOf(input.TaskHandle);
      const task = taskId === undefined ? undefined : await ctx.store.getMoveTask(taskId);
      if (!task || task.status !== 'RUNNING') throw resourceNotFound('Task does not exist or is not running.');
      const cancelled = await ctx.store.cancelMoveTask(task.taskId, ctx.clock.now());
      return { ApproximateNumberOfMessagesMoved: cancelled?.moved ?? task.moved };
    },

    /** Picks up tasks left RUNNING by a previous process (the engine kept their progress). */
    async resumeMoveTasks(): Promise<void> {
      for (const queue of await ctx.store.listQueues()) {
        for (const task of await ctx.store.listMoveTasks(queue.name, LIST_MOVE_TASKS_MAX_RESULTS.max)) {
          if (task.status === 'RUNNING') drive(task.taskId);
        }
      }
    },

    /** Resolves when no task is being driven (tests; shutdown). */
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.all(running.values());
    },
  };
}

function taskIdOf(handle: string): string | undefined {
  try {
    const { taskId } = JSON.parse(Buffer.from(handle, 'base64').toString()) as { taskId?: unknown };
    return typeof taskId === 'string' ? taskId : undefined;
  } catch {
    return undefined;
  }
}

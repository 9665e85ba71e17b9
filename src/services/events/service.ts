/**
 * The EventBridge domain: event buses, rules with event patterns and their targets, PutEvents.
 * Typed operations named after the API's (EventBridge API Reference), for a thin JSON 1.1 wire
 * adapter and for the CLI (`stratus events put` → putEvents). Errors are thrown as EventsError.
 *
 * Buses and rules live in the registry given: the app passes the engine-backed one (durable,
 * shared by nodes); the in-memory default is for tests. Gaps: archives, replays, API
 * destinations, connections, permissions, tags and partner sources are not served. Firing
 * schedule rules is the scheduler's job (see onScheduleRule).
 */
import type { Clock } from '../../shared/clock';
import type { AppModel } from '../../template/model';
import type { TargetDispatcher } from '../targets/types';
import type * as api from './api';
import { createCompiledCache } from './compiled-cache';
import { DEFAULT_BUS_NAME } from './constants';
import type { EventsContext } from './context';
import { deliverToTargets } from './deliver';
import { buildEnvelope, type EventEnvelope } from './envelope';
import * as buses from './operations/buses';
import { requireRule } from './operations/lookup';
import { putEvents, type DroppedEventListener } from './operations/put-events';
import * as rules from './operations/rules';
import * as targets from './operations/targets';
import { createMemoryRegistry, type EventsRegistry } from './registry';
import { applyTemplateEvents } from './template/apply';
import type { TemplateEvents } from './template/definitions';
import type { RuleRecord, ScheduleRuleChange, ScheduleRuleListener } from './types';

export interface EventsServiceOptions {
  clock: Clock;
  dispatcher: TargetDispatcher;
  region: string;
  accountId: string;
  /** Defaults to an in-memory registry. */
  registry?: EventsRegistry;
  onScheduleRule?: ScheduleRuleListener;
  /** An event put to a bus that does not exist (AWS drops it and still answers with an EventId). */
  onDroppedEvent?: DroppedEventListener;
}

export type EventsService = ReturnType<typeof createEventsService>;

export function createEventsService(options: EventsServiceOptions) {
  const listeners = new Set<ScheduleRuleListener>(options.onScheduleRule ? [options.onScheduleRule] : []);
  const ctx: EventsContext = {
    registry: options.registry ?? createMemoryRegistry(),
    clock: options.clock,
    dispatcher: options.dispatcher,
    partition: { region: options.region, accountId: options.accountId },
    compiled: createCompiledCache(),
    onScheduleRule: async (change: ScheduleRuleChange) => {
      for (const listener of listeners) await listener(change);
    },
  };
  // The default bus always exists (EventBridge creates it with the account).
  const ready = ctx.registry.getBus(DEFAULT_BUS_NAME).then(async (bus) => {
    if (!bus) await ctx.registry.putBus(buses.newBus(ctx, DEFAULT_BUS_NAME));
  });
  const op =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R> | R) =>
    async (...args: A): Promise<Awaited<R>> => {
      await ready;
      return await fn(...args);
    };

  return {
    createEventBus: op((request: api.CreateEventBusRequest) => buses.createEventBus(ctx, request)),
    deleteEventBus: op((request: { Name: string }) => buses.deleteEventBus(ctx, request)),
    describeEventBus: op((request: { Name?: string } = {}) => buses.describeEventBus(ctx, request)),
    listEventBuses: op((request: api.ListEventBusesRequest = {}) => buses.listEventBuses(ctx, request)),
    putRule: op((request: api.PutRuleRequest) => rules.putRule(ctx, request)),
    deleteRule: op((request: api.DeleteRuleRequest) => rules.deleteRule(ctx, request)),
    describeRule: op((request: api.RuleRef) => rules.describeRule(ctx, request)),
    listRules: op((request: api.ListRulesRequest = {}) => rules.listRules(ctx, request)),
    enableRule: op((request: api.RuleRef) => rules.setRuleState(ctx, request, 'ENABLED')),
    disableRule: op((request: api.RuleRef) => rules.setRuleState(ctx, request, 'DISABLED')),
    putTargets: op((request: api.PutTargetsRequest) => targets.putTargets(ctx, request)),
    removeTargets: op((request: api.RemoveTargetsRequest) => targets.removeTargets(ctx, request)),
    listTargetsByRule: op((request: api.ListTargetsByRuleRequest) => targets.listTargetsByRule(ctx, request)),
    putEvents: op((request: api.PutEventsRequest) => putEvents(ctx, request, options.onDroppedEvent)),
    testEventPattern: op((request: api.TestEventPatternRequest) => rules.testEventPattern(request)),

    /** Creates the template's buses and rules (explicit and from function events); validates them. */
    loadTemplate: op((model: AppModel): Promise<TemplateEvents> => applyTemplateEvents(ctx, model)),

    /** Registers a scheduler for schedule rules put, changed or deleted from now on. */
    onScheduleRule(listener: ScheduleRuleListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Every rule with a ScheduleExpression (for a scheduler that starts after rules exist). */
    scheduleRules: op(async (): Promise<RuleRecord[]> => {
      const all = await Promise.all((await ctx.registry.listBuses()).map((bus) => ctx.registry.listRules(bus.Name)));
      return all.flat().filter((rule) => rule.ScheduleExpression !== undefined);
    }),
    /**
     * The event a schedule rule sends when it fires ("detail-type": "Scheduled Event", source
     * aws.events, the rule's ARN in resources), delivered to the rule's targets with their input shaping.
     */
    fireScheduleRule: op(async (ref: api.RuleRef, at: number = ctx.clock.now()): Promise<EventEnvelope> => {
      const rule = await requireRule(ctx, ref.Name, ref.EventBusName);
      const event = buildEnvelope(ctx.partition, { source: 'aws.events', detailType: 'Scheduled Event', detail: {}, time: at, resources: [rule.Arn] });
      await deliverToTargets(ctx, rule, event, at);
      return event;
    }),
  };
}

/**
 * Creates the template's buses and rules through the same operations the API uses, so a rule is
 * checked once, the same way, wherever it comes from. Any problem stops the load with a
 * TemplateError naming the resource and EventBridge's reason.
 */
import { TemplateError } from '../../../shared/errors';
import type { AppModel } from '../../../template/model';
import type { EventsContext } from '../context';
import { busNameOf } from '../arns';
import { EventsError } from '../errors';
import { createEventBus } from '../operations/buses';
import { putRule } from '../operations/rules';
import { putTargets, removeTargets } from '../operations/targets';
import type { TemplateEvents, TemplateRule } from './definitions';
import { readFunctionEventRules } from './read-function-events';
import { readBuses, readRules } from './read-resources';

export function readTemplateEvents(model: AppModel): TemplateEvents {
  const fromFunctions = readFunctionEventRules(model);
  return { buses: readBuses(model), rules: [...readRules(model), ...fromFunctions.rules], implicitQueues: fromFunctions.implicitQueues };
}

export async function applyTemplateEvents(ctx: EventsContext, model: AppModel): Promise<TemplateEvents> {
  const wanted = readTemplateEvents(model);
  const fail = (logicalId: string, path: string | undefined, err: unknown) => {
    if (!(err instanceof EventsError)) return err;
    return new TemplateError(`${err.code}: ${err.message}`, { file: model.templatePath, logicalId, path: path || undefined });
  };
  for (const bus of wanted.buses) {
    // A durable registry may still hold the bus from the last start.
    if (await ctx.registry.getBus(bus.name)) continue;
    await createEventBus(ctx, { Name: bus.name, Description: bus.description }).catch((err) => {
      throw fail(bus.logicalId, 'Name', err);
    });
  }
  for (const rule of wanted.rules) {
    await applyRule(ctx, rule).catch((err) => {
      throw fail(rule.logicalId, rule.path, err);
    });
  }
  // Rules and buses the template made at an earlier start but no longer lists go away.
  await ctx.registry.adoptTemplate?.(
    wanted.buses.map((bus) => bus.name),
    wanted.rules.map(({ rule }) => ({ bus: busNameOf(rule.EventBusName), name: rule.Name })),
  );
  return wanted;
}

/** The rule as the template says, targets included: targets it no longer lists are removed. */
async function applyRule(ctx: EventsContext, { rule, targets }: TemplateRule): Promise<void> {
  await putRule(ctx, rule);
  const current = await ctx.registry.getRule(busNameOf(rule.EventBusName), rule.Name);
  const stale = (current?.Targets ?? []).map((target) => target.Id).filter((id) => !targets.some((target) => target.Id === id));
  if (stale.length > 0) await removeTargets(ctx, { Rule: rule.Name, EventBusName: rule.EventBusName, Ids: stale });
  if (targets.length === 0) return;
  const result = await putTargets(ctx, { Rule: rule.Name, EventBusName: rule.EventBusName, Targets: targets });
  const [first] = result.FailedEntries;
  if (first) throw new EventsError('ValidationException', `Target ${first.TargetId}: ${first.ErrorMessage}`);
}

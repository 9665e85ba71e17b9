/**
 * Every schedule an app model declares: AWS::Events::Rule resources with a ScheduleExpression,
 * AWS::Scheduler::Schedule resources, and SAM Schedule / ScheduleV2 function events. Rules with
 * only an EventPattern belong to the rules service. Problems are TemplateErrors naming the
 * resource and the property.
 */
import { TemplateError } from '../../../shared/errors';
import type { AppModel } from '../../../template/model';
import type { ScheduleDefinition } from '../definition';
import { schedulesFromFunction } from './function-events';
import { normalizeRule } from './rule';
import { normalizeSchedule } from './scheduler';
import type { Fail } from './validate';

export { ruleArn } from './rule';
export { scheduleArn } from './scheduler';

export type ScheduleModel = Pick<AppModel, 'templatePath' | 'region' | 'accountId' | 'functions' | 'resources'>;

export function schedulesFromModel(model: ScheduleModel): ScheduleDefinition[] {
  const account = { region: model.region, accountId: model.accountId };
  const failFor = (logicalId: string): Fail => (path, reason) =>
    new TemplateError(reason, { file: model.templatePath, logicalId, path: `Properties.${path}` });
  const out: ScheduleDefinition[] = [];
  for (const resource of Object.values(model.resources)) {
    const base = { name: resource.physicalName, logicalId: resource.logicalId, properties: resource.properties, fail: failFor(resource.logicalId) };
    if (resource.type === 'AWS::Events::Rule' && resource.properties.ScheduleExpression !== undefined) {
      out.push(normalizeRule(base, account));
    } else if (resource.type === 'AWS::Scheduler::Schedule') {
      out.push(normalizeSchedule({ ...base, windowRequired: true }, account));
    }
  }
  const eventFail = (logicalId: string, path: string, reason: string) =>
    new TemplateError(reason, { file: model.templatePath, logicalId, path: `Properties.${path}` });
  for (const fn of model.functions) out.push(...schedulesFromFunction(fn, account, eventFail));
  checkUnique(out, model.templatePath);
  return out;
}

/** Two schedules with one ARN would share one tick cell and silently fire once between them. */
function checkUnique(definitions: ScheduleDefinition[], file: string): void {
  const seen = new Map<string, string>();
  for (const d of definitions) {
    const other = seen.get(d.arn);
    if (other) throw new TemplateError(`a schedule named "${d.name}" is already declared by ${other}`, { file, logicalId: d.logicalId });
    seen.set(d.arn, d.logicalId);
  }
}

/**
 * AWS::Events::EventBus and AWS::Events::Rule resources of the app model, as CloudFormation
 * passes them to EventBridge (AWS::Events::Rule, AWS::Events::EventBus in the CloudFormation
 * resource reference). Rules with a ScheduleExpression belong to the scheduler and are skipped.
 */
import type { AppModel, ResolvedResource } from '../../../template/model';
import type { TargetSpec } from '../types';
import type { TemplateBus, TemplateRule } from './definitions';

const TARGET_KEYS = ['Id', 'Arn', 'RoleArn', 'Input', 'InputPath', 'InputTransformer', 'RetryPolicy', 'DeadLetterConfig', 'SqsParameters'] as const;

export function readBuses(model: AppModel): TemplateBus[] {
  return ofType(model, 'AWS::Events::EventBus').map((resource) => {
    const bus: TemplateBus = { logicalId: resource.logicalId, name: resource.physicalName };
    const description = resource.properties.Description;
    if (typeof description === 'string') bus.description = description;
    return bus;
  });
}

export function readRules(model: AppModel): TemplateRule[] {
  return ofType(model, 'AWS::Events::Rule')
    .filter((resource) => resource.properties.ScheduleExpression === undefined)
    .map(readRule);
}

function readRule(resource: ResolvedResource): TemplateRule {
  const props = resource.properties;
  return {
    logicalId: resource.logicalId,
    path: '',
    rule: {
      Name: resource.physicalName,
      EventPattern: patternText(props.EventPattern),
      State: props.State as TemplateRule['rule']['State'],
      Description: props.Description as string | undefined,
      RoleArn: props.RoleArn as string | undefined,
      EventBusName: props.EventBusName as string | undefined,
    },
    targets: Array.isArray(props.Targets) ? props.Targets.map(pickTarget) : [],
  };
}

/** CloudFormation takes EventPattern as JSON or as its text; PutRule takes text. */
export function patternText(pattern: unknown): string | undefined {
  if (pattern === undefined || pattern === null) return undefined;
  return typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
}

function pickTarget(raw: unknown): TargetSpec {
  const source = (raw ?? {}) as Record<string, unknown>;
  const target: Record<string, unknown> = {};
  for (const key of TARGET_KEYS) if (source[key] !== undefined) target[key] = source[key];
  return target as unknown as TargetSpec;
}

function ofType(model: AppModel, type: string): ResolvedResource[] {
  return Object.values(model.resources).filter((resource) => resource.type === type);
}

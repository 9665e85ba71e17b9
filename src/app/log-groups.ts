/**
 * `AWS::Logs::LogGroup` resources exist from the start, as CloudFormation creates them (their
 * name: LogGroupName, else the logical id). RetentionInDays is not applied: logs are kept.
 */
import type { LogStore } from '../engine/types';
import type { AppModel } from '../template/model';

export async function ensureTemplateLogGroups(model: AppModel, store: LogStore): Promise<string[]> {
  const groups = Object.values(model.resources).filter((r) => r.type === 'AWS::Logs::LogGroup');
  for (const group of groups) await store.createGroup(group.physicalName);
  return groups.map((g) => g.physicalName);
}

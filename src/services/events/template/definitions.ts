import type { PutRuleRequest } from '../api';
import type { TargetSpec } from '../types';

/** What the template asks of EventBridge, read from the app model before anything is created. */
export interface TemplateEvents {
  buses: TemplateBus[];
  rules: TemplateRule[];
  /**
   * SQS queues SAM creates for `DeadLetterConfig: { Type: SQS }` of EventBridgeRule events
   * (`<RuleLogicalId>Queue` unless QueueLogicalId is given). The queues service must create them.
   */
  implicitQueues: string[];
}

export interface TemplateBus {
  logicalId: string;
  name: string;
  description?: string;
}

export interface TemplateRule {
  /** The resource named in errors: the rule, or the function whose event made it. */
  logicalId: string;
  /** Property path inside that resource, for errors (e.g. `Events.OnOrder.Properties.Pattern`). */
  path: string;
  rule: PutRuleRequest;
  targets: TargetSpec[];
}

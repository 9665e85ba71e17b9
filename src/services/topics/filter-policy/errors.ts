import { UserError } from '../../../shared/errors';

/**
 * SNS rejects a bad policy (Subscribe / SetSubscriptionAttributes) with InvalidParameter, HTTP 400,
 * and a message that starts "Invalid parameter: FilterPolicy: " followed by Event Ruler's reason
 * (AWS-validated in LocalStack's SNS filter-policy tests).
 */
export class FilterPolicyError extends UserError {
  readonly status = 400;

  constructor(
    readonly reason: string,
    message = `Invalid parameter: FilterPolicy: ${reason}`,
  ) {
    super('InvalidParameter', message);
  }
}

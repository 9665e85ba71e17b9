/**
 * STS, only what clients call on their own: GetCallerIdentity (AWS STS API Reference). Spoken
 * over the query protocol (SDK v3, the CLIs, boto3) and AWS JSON 1.0 (STS's newer protocol).
 *
 * Differs from AWS on purpose: every caller is the account's root user, whatever key it signs
 * with (there are no IAM users locally). Not served: AssumeRole and the other token operations.
 */
import type { AwsServiceAdapter } from '../service';

export const STS_VERSION = '2011-06-15';

export function stsService(): AwsServiceAdapter {
  return {
    signingName: 'sts',
    title: 'STS',
    query: { version: STS_VERSION, xmlNamespace: `https://sts.amazonaws.com/doc/${STS_VERSION}/` },
    json: { targetPrefix: 'AWSSecurityTokenServiceV20110615', version: '1.0' },
    operations: {
      // Member order as in the API reference's example response.
      GetCallerIdentity: (_input, ctx) => ({
        Arn: `arn:aws:iam::${ctx.accountId}:root`,
        UserId: ctx.accountId,
        Account: ctx.accountId,
      }),
    },
  };
}

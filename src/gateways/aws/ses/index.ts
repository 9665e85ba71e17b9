/**
 * SES on the edge port, both APIs under the one signing name `ses`:
 *   - v1 over the query protocol (`Action=SendEmail&Version=2010-12-01`, XML in the
 *     `http://ses.amazonaws.com/doc/2010-12-01/` namespace): what @aws-sdk/client-ses, boto3
 *     and the aws CLIs send;
 *   - v2 over REST-JSON (`POST /v2/email/outbound-emails`): @aws-sdk/client-sesv2.
 * The routing tells them apart by path (a v2 route matches first) and then by `Action`.
 *
 * Not served yet: v1 templates, configuration sets, receipt rules, identity policies, DKIM and
 * notification settings, SendBulkTemplatedEmail; v2 operations other than SendEmail (identities,
 * templates, contact lists, GetAccount). See the mail service for what differs from SES.
 */
import type { MailService } from '../../../services/mail';
import type { AwsServiceAdapter, Operation, QueryOperationSpec } from '../service';
import { readV1Input } from './v1-input';
import { sendEmailV2 } from './v2-send';

export const SES_VERSION = '2010-12-01';
export const SES_XML_NAMESPACE = `http://ses.amazonaws.com/doc/${SES_VERSION}/`;

/** v1 operation → the mail service method that does it (same request and response members). */
const V1_METHODS = {
  SendEmail: 'sendEmail',
  SendRawEmail: 'sendRawEmail',
  VerifyEmailIdentity: 'verifyEmailIdentity',
  VerifyEmailAddress: 'verifyEmailAddress',
  VerifyDomainIdentity: 'verifyDomainIdentity',
  ListIdentities: 'listIdentities',
  GetIdentityVerificationAttributes: 'getIdentityVerificationAttributes',
  DeleteIdentity: 'deleteIdentity',
  ListVerifiedEmailAddresses: 'listVerifiedEmailAddresses',
  GetSendQuota: 'getSendQuota',
} as const satisfies Record<string, keyof MailService>;

export function sesService(mail: MailService): AwsServiceAdapter {
  const operations: Record<string, Operation> = {};
  const queryOperations: Record<string, QueryOperationSpec> = {};
  for (const [name, method] of Object.entries(V1_METHODS)) {
    const call = mail[method] as (input: unknown) => Promise<unknown>;
    operations[name] = (input) => call(input);
    queryOperations[name] = {
      input: (decoded) => readV1Input(name, decoded),
      // SES answers `<XResult/>` even for operations with no output members.
      alwaysWrapResult: true,
      xml: name === 'GetIdentityVerificationAttributes' ? { VerificationAttributes: { map: {} } } : undefined,
    };
  }
  return {
    signingName: 'ses',
    title: 'SES',
    query: { version: SES_VERSION, xmlNamespace: SES_XML_NAMESPACE, operations: queryOperations },
    operations,
    rest: {
      routes: [{ method: 'POST', path: '/v2/email/outbound-emails', operation: 'SendEmail', handle: (req) => sendEmailV2(mail, req) }],
    },
  };
}

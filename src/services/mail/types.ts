/**
 * The SES API shapes the mail service takes and answers (member names as in the SES v1 and v2 API
 * references), plus the outbox view. Blobs (raw MIME) arrive decoded: the wire adapters turn
 * the protocols' base64 into bytes.
 */

export interface SesContent {
  Data?: string;
  Charset?: string;
}

export interface SesDestination {
  ToAddresses?: string[];
  CcAddresses?: string[];
  BccAddresses?: string[];
}

export interface SesTag {
  Name?: string;
  Value?: string;
}

/** SES v1 SendEmail (API version 2010-12-01). */
export interface SendEmailV1Input {
  Source?: string;
  Destination?: SesDestination;
  Message?: { Subject?: SesContent; Body?: { Text?: SesContent; Html?: SesContent } };
  ReplyToAddresses?: string[];
  ReturnPath?: string;
  SourceArn?: string;
  ReturnPathArn?: string;
  Tags?: SesTag[];
  ConfigurationSetName?: string;
}

/** SES v1 SendRawEmail. */
export interface SendRawEmailInput {
  Source?: string;
  Destinations?: string[];
  RawMessage?: { Data?: Uint8Array };
  FromArn?: string;
  SourceArn?: string;
  ReturnPathArn?: string;
  Tags?: SesTag[];
  ConfigurationSetName?: string;
}

export interface SendEmailOutput {
  MessageId: string;
}

/** SES v2 SendEmail (`POST /v2/email/outbound-emails`). */
export interface SendEmailV2Input {
  FromEmailAddress?: string;
  FromEmailAddressIdentityArn?: string;
  Destination?: SesDestination;
  ReplyToAddresses?: string[];
  FeedbackForwardingEmailAddress?: string;
  Content?: {
    Simple?: {
      Subject?: SesContent;
      Body?: { Text?: SesContent; Html?: SesContent };
      Headers?: { Name?: string; Value?: string }[];
      Attachments?: { FileName?: string; ContentType?: string; RawContent?: Uint8Array }[];
    };
    Raw?: { Data?: Uint8Array };
    Template?: {
      TemplateName?: string;
      TemplateArn?: string;
      TemplateData?: string;
      TemplateContent?: { Subject?: string; Text?: string; Html?: string };
    };
  };
  EmailTags?: SesTag[];
  ConfigurationSetName?: string;
}

/** An SNS e-mail or e-mail-json subscriber's message, handed over by the topics service. */
export interface CapturedMail {
  to: string;
  subject: string;
  body: string;
  /** 'SubscriptionConfirmation' or 'Notification'. */
  type: string;
  protocol: string;
  topicArn: string;
  subscriptionArn: string;
  at: number;
}

/** Who SNS e-mails come from. */
export const SNS_MAIL_SENDER = 'AWS Notifications <no-reply@sns.amazonaws.com>';

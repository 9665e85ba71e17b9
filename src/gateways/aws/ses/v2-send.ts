/**
 * SES v2 SendEmail over REST-JSON: `POST /v2/email/outbound-emails` with a JSON body whose blobs
 * (Content.Raw.Data, attachments' RawContent) are base64; answers `{"MessageId": …}`.
 */
import type { MailService, SendEmailV2Input } from '../../../services/mail';
import { AwsError } from '../errors';
import type { RestRequest, RestResult } from '../service';
import { decodeBase64 } from './v1-input';

export async function sendEmailV2(mail: MailService, req: RestRequest): Promise<RestResult> {
  const input = readBody(req.body);
  const content = input.Content as Record<string, any> | undefined;
  if (content?.Raw?.Data !== undefined) content.Raw.Data = badRequestOnError(() => decodeBase64(content.Raw.Data, 'Content.Raw.Data'));
  for (const attachment of Array.isArray(content?.Simple?.Attachments) ? content.Simple.Attachments : []) {
    if (attachment?.RawContent !== undefined) attachment.RawContent = badRequestOnError(() => decodeBase64(attachment.RawContent, 'RawContent'));
  }
  return { body: await mail.sendEmailV2(input as SendEmailV2Input) };
}

function readBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('BadRequestException', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AwsError('BadRequestException', 'The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

/** v2 names every malformed input BadRequestException. */
function badRequestOnError<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new AwsError('BadRequestException', (err as Error).message);
  }
}

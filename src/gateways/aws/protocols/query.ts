/**
 * The query protocol (Smithy "awsQuery"): `Action=…&Version=…` form-encoded in a POST body (or in
 * the query string of a GET), answered with
 *   <XResponse xmlns="…"><XResult>…</XResult><ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></XResponse>
 * and errors with
 *   <ErrorResponse xmlns="…"><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>
 * (AWS query API reference, "Query API responses" / "Common Errors").
 */
import type { ServerResponse } from 'node:http';
import type { AwsErrorData } from '../errors';
import type { QueryProtocolSpec } from '../service';
import { header, mediaType, type EdgeRequest } from '../request';
import { send } from '../respond';
import { element, escapeXml, membersToXml } from './xml';

export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';
const XML_CONTENT_TYPE = 'text/xml';

/**
 * The form of a query request: the body of a form POST, else the URL's query string (GET, or
 * presigned). A POST body is taken as a form unless it declares another type.
 */
export function queryParams(req: EdgeRequest): URLSearchParams {
  const type = mediaType(req);
  if (req.method === 'POST' && req.body.length > 0 && (type === '' || type === FORM_MEDIA_TYPE)) {
    const form = new URLSearchParams(req.body.toString('utf8'));
    // Signing parameters may still ride in the URL (presigned POST): keep them visible.
    for (const [k, v] of req.query) if (!form.has(k)) form.append(k, v);
    return form;
  }
  return req.query;
}

export function looksLikeQueryRequest(req: EdgeRequest): boolean {
  return queryParams(req).has('Action') || (mediaType(req) === FORM_MEDIA_TYPE && header(req, 'x-amz-target') === undefined);
}

export function sendQueryResult(
  res: ServerResponse,
  spec: QueryProtocolSpec,
  action: string,
  requestId: string,
  output: unknown,
): void {
  const operation = spec.operations?.[action];
  const hasResult = typeof output === 'object' && output !== null && Object.keys(output).length > 0;
  const result =
    hasResult || operation?.alwaysWrapResult
      ? element(`${action}Result`, hasResult ? membersToXml(output as Record<string, unknown>, operation?.xml) : '')
      : '';
  const metadata = element('ResponseMetadata', element('RequestId', requestId));
  const xml = `<?xml version="1.0"?>\n<${action}Response xmlns="${spec.xmlNamespace}">${result}${metadata}</${action}Response>\n`;
  send(res, 200, requestId, { 'content-type': XML_CONTENT_TYPE }, xml);
}

export function sendQueryError(res: ServerResponse, xmlNamespace: string | undefined, requestId: string, err: AwsErrorData): void {
  const ns = xmlNamespace ? ` xmlns="${xmlNamespace}"` : '';
  const error = element(
    'Error',
    element('Type', err.senderFault ? 'Sender' : 'Receiver') + element('Code', escapeXml(err.queryCode ?? err.code)) + element('Message', escapeXml(err.message)),
  );
  const xml = `<?xml version="1.0"?>\n<ErrorResponse${ns}>${error}${element('RequestId', requestId)}</ErrorResponse>\n`;
  send(res, err.status, requestId, { 'content-type': XML_CONTENT_TYPE }, xml);
}

/**
 * A REST route whose integration is S3 (`type: aws`, uri `arn:aws:apigateway:<region>:s3:path/
 * <bucket>/<key>`; "Tutorial: Create a REST API as an Amazon S3 proxy"): the `{name}` variables
 * of the path are filled from the method's path parameters through `requestParameters`
 * (`integration.request.path.proxy: method.request.path.proxy`), the object is read, and S3's
 * status goes through the integration `responses`: the first response whose selection pattern
 * (its key, or `selectionPattern`) matches the status code gives the method status and the
 * headers of its `responseParameters` (`integration.response.header.Content-Type` or a quoted
 * literal); otherwise `default` does. Content-Type is passed through when no response maps it.
 * A missing object is S3's NoSuchKey XML with S3's 404 fed to that selection, as on AWS (so a
 * definition without a 4xx response answers 200 with the XML, exactly as API Gateway would).
 *
 * Differs: objects over API Gateway's 10 MB payload limit answer 500; no Range/conditional
 * pass-through; only GET; bytes pass unchanged whatever BinaryMediaTypes says (on AWS a binary
 * object needs a matching BinaryMediaTypes entry to arrive intact); with no IAM, a missing key
 * is always S3's 404 NoSuchKey (AWS answers 403 AccessDenied when the role lacks s3:ListBucket).
 */
import type { S3IntegrationSpec } from '../../../template/model';
import { MAX_PAYLOAD_BYTES } from '../constants';
import type { HttpAnswer } from '../response-v1';
import type { ObjectSource, SourceObject } from './object-source';

interface IntegrationResponse {
  pattern?: RegExp;
  statusCode: number;
  parameters: [string, string][];
}

export class S3Integration {
  private readonly responses: IntegrationResponse[];
  private readonly fallback: IntegrationResponse;

  constructor(
    private readonly spec: S3IntegrationSpec,
    private readonly source: ObjectSource,
  ) {
    const { list, fallback } = readResponses(spec.responses);
    this.responses = list;
    this.fallback = fallback;
  }

  async answer(pathParameters: Record<string, string> | null, requestId: string): Promise<HttpAnswer | undefined> {
    const [bucket, key] = this.target(pathParameters ?? {});
    if (!bucket || key === undefined) return undefined;
    const found = await this.source.getObject(bucket, key);
    if ('missing' in found) return this.map(404, missingXml(found.missing, bucket, key, requestId), { 'content-type': 'application/xml' });
    const body = await readWhole(found);
    if (!body) return undefined;
    return this.map(200, body, {
      'content-type': found.contentType ?? 'binary/octet-stream',
      'content-length': String(found.contentLength),
      etag: found.etag,
      'last-modified': found.lastModified.toUTCString(),
    });
  }

  /** `bucket/{proxy}` → ["bucket", "<proxy value>"]. */
  private target(params: Record<string, string>): [string | undefined, string | undefined] {
    let missing = false;
    const filled = this.spec.objectPath.replace(/\{([^{}]+)\}/g, (_, name: string) => {
      const methodParam = this.spec.pathParameters[name] ?? name;
      const value = params[methodParam];
      if (value === undefined) missing = true;
      return value ?? '';
    });
    if (missing) return [undefined, undefined];
    const slash = filled.indexOf('/');
    return slash < 0 ? [filled, ''] : [filled.slice(0, slash), filled.slice(slash + 1)];
  }

  private map(status: number, body: Buffer | string, s3Headers: Record<string, string>): HttpAnswer {
    const chosen = this.responses.find((r) => r.pattern!.test(String(status))) ?? this.fallback;
    const headers: string[] = [];
    let typed = false;
    for (const [name, source] of chosen.parameters) {
      const literal = /^'(.*)'$/.exec(source);
      const from = /^integration\.response\.header\.(.+)$/.exec(source);
      const value = literal ? literal[1] : from ? s3Headers[from[1].toLowerCase()] : undefined;
      if (value === undefined) continue;
      if (name.toLowerCase() === 'content-type') typed = true;
      headers.push(name, value);
    }
    if (!typed) headers.push('Content-Type', s3Headers['content-type']);
    return { status: chosen.statusCode, headers, body };
  }
}

function readResponses(raw: unknown): { list: IntegrationResponse[]; fallback: IntegrationResponse } {
  const list: IntegrationResponse[] = [];
  let fallback: IntegrationResponse = { statusCode: 200, parameters: [] };
  if (typeof raw !== 'object' || raw === null) return { list, fallback };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const r = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const parameters = Object.entries((r.responseParameters ?? {}) as Record<string, unknown>).flatMap(([target, source]): [string, string][] => {
      const m = /^method\.response\.header\.(.+)$/.exec(target);
      return m && typeof source === 'string' ? [[m[1], source]] : [];
    });
    const response: IntegrationResponse = { statusCode: Number(r.statusCode ?? 200) || 200, parameters };
    const pattern = typeof r.selectionPattern === 'string' ? r.selectionPattern : key === 'default' ? undefined : key;
    if (pattern === undefined) fallback = response;
    else {
      try {
        list.push({ ...response, pattern: new RegExp(`^(?:${pattern})$`) });
      } catch {
        // An unusable pattern never matches, as a deploy would have refused it.
      }
    }
  }
  return { list, fallback };
}

async function readWhole(object: SourceObject): Promise<Buffer | undefined> {
  if (Buffer.isBuffer(object.body)) return object.body.length > MAX_PAYLOAD_BYTES ? undefined : object.body;
  if (object.contentLength > MAX_PAYLOAD_BYTES) {
    object.body.destroy();
    return undefined;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function missingXml(code: 'NoSuchKey' | 'NoSuchBucket', bucket: string, key: string, requestId: string): string {
  const message = code === 'NoSuchKey' ? 'The specified key does not exist.' : 'The specified bucket does not exist';
  const detail = code === 'NoSuchKey' ? `<Key>${escapeXml(key)}</Key>` : `<BucketName>${escapeXml(bucket)}</BucketName>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${detail}<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

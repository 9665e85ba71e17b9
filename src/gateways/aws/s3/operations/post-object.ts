/**
 * Browser uploads: POST multipart/form-data to the bucket (S3 API Reference, "POST Object";
 * what @aws-sdk/s3-presigned-post's createPresignedPost prepares). The form is parsed as it
 * streams (busboy): the fields come first, the `file` field last — its bytes go straight to the
 * bucket service; fields after it are ignored, as S3 does. The policy's signature (strict mode),
 * expiration and conditions are checked before a byte is stored.
 */
import { Readable } from 'node:stream';
import busboy from 'busboy';
import type { ObjectRecord } from '../../../../engine/types';
import { checkPostPolicy } from '../../../../services/buckets';
import { accessDenied, invalidArgument, S3Error } from '../../../../services/buckets/errors';
import { isStrict } from '../../auth';
import { verifyPostSignature } from '../auth';
import { type S3Call, requireBucket } from '../call';
import { one } from '../headers';
import { document, el, esc } from '../xml';
import { empty, xmlResponse, type S3Response } from '../response';

const malformedPost = () => new S3Error('MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
const FIELD_LIMITS = { fields: 100, fieldSize: 64 * 1024, files: 1, parts: 102 };

export async function postObject(call: S3Call): Promise<S3Response> {
  const bucket = requireBucket(call);
  await call.service.headBucket(bucket);
  const fields = new Map<string, string>();
  const object = await new Promise<ObjectRecord>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: call.headers, limits: FIELD_LIMITS });
    } catch {
      return reject(malformedPost());
    }
    let upload: Promise<ObjectRecord> | undefined;
    const source = Readable.from(call.body);
    // A refused upload answers at once; the rest of the form is read and dropped, never parsed.
    const refuse = (err: unknown) => {
      source.unpipe(parser);
      source.resume();
      reject(err);
    };
    parser.on('field', (name, value) => {
      if (!upload) fields.set(name.toLowerCase(), value);
    });
    parser.on('file', (name, stream, info) => {
      if (upload || name.toLowerCase() !== 'file') return void stream.resume();
      upload = store(call, bucket, fields, stream, info.filename);
      upload.catch((err) => {
        stream.resume();
        refuse(err);
      });
    });
    parser.on('close', () => {
      if (!upload) return reject(invalidArgument('POST requires exactly one file upload per request.', 'file', '0'));
      upload.then(resolve, reject);
    });
    parser.on('error', () => refuse(malformedPost()));
    source.on('error', reject).pipe(parser);
  });
  return answer(call, bucket, object, fields);
}

async function store(call: S3Call, bucket: string, fields: Map<string, string>, file: Readable, filename: string | undefined): Promise<ObjectRecord> {
  const template = fields.get('key');
  if (template === undefined) throw invalidArgument("Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.", 'key', '');
  const key = template.replace(/\$\{filename\}/g, filename ?? '');
  const policy = fields.get('policy');
  let limits = {};
  if (policy !== undefined) {
    verifyPostSignature(fields, call.auth);
    // Conditions see the key as sent (with ${filename} replaced) and the bucket of the URL.
    const checked = new Map(fields);
    checked.set('key', key);
    checked.set('bucket', bucket);
    limits = checkPostPolicy(policy, checked, call.now());
  } else if (isStrict(call.auth)) {
    throw accessDenied();
  }
  const metadata: Record<string, string> = {};
  for (const [name, value] of fields) if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value;
  const header = (name: string) => fields.get(name);
  return call.service.putObject({
    bucket,
    key,
    body: file,
    headers: {
      ...(header('content-type') !== undefined && { contentType: header('content-type') }),
      ...(header('cache-control') !== undefined && { cacheControl: header('cache-control') }),
      ...(header('content-disposition') !== undefined && { contentDisposition: header('content-disposition') }),
      ...(header('content-encoding') !== undefined && { contentEncoding: header('content-encoding') }),
      ...(header('expires') !== undefined && { expires: header('expires') }),
    },
    metadata,
    tags: {},
    ...limits,
    eventName: 'ObjectCreated:Post',
    origin: call.origin,
  });
}

function answer(call: S3Call, bucket: string, object: ObjectRecord, fields: Map<string, string>): S3Response {
  const host = one(call.headers, 'host') ?? 'localhost';
  const location = `http://${host}/${bucket}/${encodeURIComponent(object.key).replace(/%2F/g, '/')}`;
  const headers = { etag: object.etag, location };
  const redirect = fields.get('success_action_redirect') ?? fields.get('redirect');
  if (redirect) {
    try {
      const url = new URL(redirect);
      url.searchParams.set('bucket', bucket);
      url.searchParams.set('key', object.key);
      url.searchParams.set('etag', object.etag);
      return empty(303, { ...headers, location: url.toString() });
    } catch {
      // S3 ignores a redirect that is not a URL and answers as if none was given.
    }
  }
  const status = fields.get('success_action_status');
  if (status === '200') return empty(200, headers);
  if (status === '201') {
    return xmlResponse(
      document('PostResponse', el('Location', esc(location)) + el('Bucket', esc(bucket)) + el('Key', esc(object.key)) + el('ETag', esc(object.etag))).replace(` xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`, ''),
      201,
      headers,
    );
  }
  return empty(204, headers);
}

/**
 * Signed aws-chunked bodies (STREAMING-AWS4-HMAC-SHA256-PAYLOAD). The chunk-signature chain is
 * pinned to the worked example of the S3 API Reference ("Signature Calculations for the
 * Authorization Header: Transferring Payload in Multiple Chunks" → "Example: PUT Object"): a
 * 66560-byte object of 'a' in chunks of 65536 and 1024 bytes. End to end, in strict mode, a
 * correctly signed chunked upload is stored and one with a tampered chunk is refused.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { decodeAwsChunked } from '../../src/gateways/aws/s3/chunked';
import { armChunkVerifier } from '../../src/gateways/aws/s3/chunk-signatures';
import { bodyText, CREDENTIALS, startS3App, type S3App } from './helpers';

const DOC_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const DOC_SEED = '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9';
const DOC_CHUNKS = [
  { size: 65536, signature: 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648' },
  { size: 1024, signature: '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497' },
  { size: 0, signature: 'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9' },
];
const docSignature = { form: 'header' as const, accessKeyId: 'AKIAIOSFODNN7EXAMPLE', scopeDate: '20130524', region: 'us-east-1', service: 's3', signedHeaders: [], signature: DOC_SEED, amzDate: '20130524T000000Z' };

const frame = (chunks: { size: number; signature: string }[], fill = 0x61) =>
  Buffer.concat(chunks.map((c) => Buffer.concat([Buffer.from(`${c.size.toString(16)};chunk-signature=${c.signature}\r\n`), Buffer.alloc(c.size, fill), Buffer.from('\r\n')])));

async function decode(body: Buffer): Promise<number> {
  const verifier = {};
  armChunkVerifier(verifier, docSignature, DOC_SECRET);
  let size = 0;
  for await (const piece of decodeAwsChunked((async function* () { for (let i = 0; i < body.length; i += 7000) yield body.subarray(i, i + 7000); })(), new Map(), verifier)) size += piece.length;
  return size;
}

test('the chunk-signature chain matches the S3 API Reference example', async () => {
  assert.equal(await decode(frame(DOC_CHUNKS)), 66560);
  await assert.rejects(decode(frame(DOC_CHUNKS, 0x62)), { code: 'SignatureDoesNotMatch' });
  const swapped = [DOC_CHUNKS[0], { ...DOC_CHUNKS[1], signature: DOC_CHUNKS[2].signature }, DOC_CHUNKS[2]];
  await assert.rejects(decode(frame(swapped)), { code: 'SignatureDoesNotMatch' });
});

/** SHA-256 / HMAC for smithy's signer, on node:crypto. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data as ArrayBuffer);
}

let s: S3App | undefined;
after(() => s?.close());

/** A real signed request (smithy's signer) with chunk signatures chained the documented way. */
async function signedChunkedPut(endpoint: string, key: string, data: Buffer, tamper: boolean): Promise<{ status: number; text: string }> {
  const url = new URL(endpoint);
  const now = new Date();
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: CREDENTIALS, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const chunkSizes = [Math.ceil(data.length / 2), Math.floor(data.length / 2)];
  const framedLength = chunkSizes.reduce((n, c) => n + c.toString(16).length + 17 + 64 + 2 + c + 2, 0) + 1 + 17 + 64 + 2 + 2;
  const signed = await signer.sign(
    {
      method: 'PUT',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: `/stratus-uploads/${key}`,
      query: {},
      headers: {
        host: url.host,
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': String(data.length),
        'content-length': String(framedLength),
      },
    },
    { signingDate: now },
  );
  const amzDate = String(signed.headers['x-amz-date']);
  const scope = `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
  let key4: Buffer = createHmac('sha256', `AWS4${CREDENTIALS.secretAccessKey}`).update(amzDate.slice(0, 8)).digest();
  for (const p of ['us-east-1', 's3', 'aws4_request']) key4 = createHmac('sha256', key4).update(p).digest();
  let previous = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))![1];
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const parts: Buffer[] = [];
  let offset = 0;
  for (const size of [...chunkSizes, 0]) {
    const chunk = data.subarray(offset, offset + size);
    offset += size;
    previous = createHmac('sha256', key4).update(['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, sha(Buffer.alloc(0)), sha(chunk)].join('\n')).digest('hex');
    const sent = tamper && size > 0 ? Buffer.from(chunk).fill(0x7a, 0, 1) : chunk;
    parts.push(Buffer.from(`${size.toString(16)};chunk-signature=${previous}\r\n`), sent, Buffer.from('\r\n'));
  }
  const body = Buffer.concat(parts);
  assert.equal(body.length, framedLength);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: 'PUT', path: signed.path, headers: signed.headers as Record<string, string> }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('strict mode: a signed chunked upload is stored; a tampered chunk is SignatureDoesNotMatch and stores nothing', async () => {
  s = await startS3App({ strict: true });
  const data = Buffer.from('signed chunks, '.repeat(1000));
  const ok = await signedChunkedPut(s.endpoint, 'chunks/ok.txt', data, false);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(await bodyText((await s.s3.send(new GetObjectCommand({ Bucket: 'stratus-uploads', Key: 'chunks/ok.txt' }))).Body), data.toString());
  const bad = await signedChunkedPut(s.endpoint, 'chunks/bad.txt', data, true);
  assert.equal(bad.status, 403);
  assert.match(bad.text, /<Code>SignatureDoesNotMatch<\/Code>/);
  await assert.rejects(s.s3.send(new HeadObjectCommand({ Bucket: 'stratus-uploads', Key: 'chunks/bad.txt' })), { name: 'NotFound' });
});

/**
 * S3 through the real `@aws-sdk/client-s3` (REST-XML, path-style): PutObject and GetObject of
 * 1 KiB and 16 MiB objects, ops/s and MB/s, against Stratus (started with startApp, embedded
 * SQLite engine, bytes on local disk) next to the same client code against moto's server
 * (`python3 -m moto.server`, objects in memory) started in the same run. The client runs in its
 * own process with a few concurrent loops for a fixed time per phase.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { fmt } from './support';
import { clientOpsPerSecond, measureBoth } from './moto';

const KiB = 1024;
const MiB = 1024 * 1024;
/** Size → concurrent client loops: many small requests, few big ones. */
const SIZES: { label: string; bytes: number; concurrency: number }[] = [
  { label: '1 KiB', bytes: KiB, concurrency: 8 },
  { label: '16 MiB', bytes: 16 * MiB, concurrency: 2 },
];
type Rates = Record<string, number>;

export async function benchS3(seconds: number): Promise<string[]> {
  const { stratus, moto } = await measureBoth('s3', (endpoint) => measure(endpoint, seconds));
  const m = moto instanceof Error ? undefined : moto;
  const lines = [`## S3 through @aws-sdk/client-s3 (REST-XML, path-style), ${seconds} s per phase`];
  for (const size of SIZES) {
    for (const op of ['put', 'get']) {
      const key = `${op}-${size.bytes}`;
      const mbps = (ops: number) => fmt((ops * size.bytes) / MiB, 1);
      const theirs = m?.[key];
      lines.push(
        `${`${op === 'put' ? 'PutObject' : 'GetObject'} ${size.label} (${size.concurrency} loops)`.padEnd(32)} Stratus ${fmt(stratus[key]).padStart(6)} ops/s ${mbps(stratus[key]).padStart(7)} MB/s` +
          `   moto ${theirs === undefined ? '   n/a' : fmt(theirs).padStart(6)} ops/s ${theirs === undefined ? '    n/a' : mbps(theirs).padStart(7)} MB/s` +
          (theirs ? `   ratio ${fmt(stratus[key] / theirs, 1)}×` : ''),
      );
    }
  }
  if (moto instanceof Error) lines.push(`moto baseline unavailable: ${moto.message}`);
  return lines;
}

/** The same phases, the same client code, whatever the server. */
async function measure(endpoint: string, seconds: number): Promise<Rates> {
  const s3 = new S3Client({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'bench-s3' }));
  s3.destroy();
  const rates: Rates = {};
  for (const size of SIZES) {
    for (const op of ['put', 'get']) rates[`${op}-${size.bytes}`] = await clientPhase(endpoint, op, size.bytes, seconds, size.concurrency);
  }
  return rates;
}

function clientPhase(endpoint: string, phase: string, bytes: number, seconds: number, concurrency: number): Promise<number> {
  return clientOpsPerSecond('s3-client.ts', [endpoint, 'bench-s3', phase, String(bytes), String(seconds), String(concurrency)], seconds, 120);
}

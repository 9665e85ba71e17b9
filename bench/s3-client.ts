/**
 * The load side of the S3 benchmark, in its own process so the client's CPU never shares the
 * event loop of the server it measures (Stratus or moto get the same treatment).
 * Usage: node --import tsx bench/s3-client.ts ENDPOINT BUCKET put|get SIZE_BYTES SECONDS CONCURRENCY
 * Prints {"ops": n, "seconds": s}. GETs read objects the put phase of the same size wrote.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const [endpoint, bucket, phase, sizeArg, secondsArg, concurrencyArg] = process.argv.slice(2);
const size = Number(sizeArg);
const seconds = Number(secondsArg);
const concurrency = Number(concurrencyArg);
const s3 = new S3Client({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, forcePathStyle: true, maxAttempts: 1 });
const body = Buffer.alloc(size, 0x62);
const keyOf = (worker: number) => `bench/${size}/${worker}`;

async function loop(until: number, worker: number): Promise<number> {
  let ops = 0;
  while (performance.now() < until) {
    if (phase === 'put') {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: keyOf(worker), Body: body }));
    } else {
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(worker) }));
      for await (const _ of got.Body as AsyncIterable<Buffer>);
    }
    ops++;
  }
  return ops;
}

const started = performance.now();
const until = started + seconds * 1000;
const ops = (await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(until, i)))).reduce((a, b) => a + b, 0);
const elapsed = (performance.now() - started) / 1000;
s3.destroy();
process.stdout.write(JSON.stringify({ ops, seconds: elapsed }) + '\n');

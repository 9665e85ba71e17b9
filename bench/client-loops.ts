/**
 * The timing side of the bench client processes (sqs-client.ts, s3-client.ts,
 * dynamodb-client.ts): runs `concurrency` loops until the phase ends, then prints
 * {"ops": n, "seconds": s} on stdout for the parent (moto.ts clientOpsPerSecond) to read.
 */

/** One loop: runs ops until `performance.now()` passes `until`, returns how many it did. */
export type ClientLoop = (until: number, index: number) => Promise<number>;

export async function runClientLoops(concurrency: number, seconds: number, loop: ClientLoop): Promise<void> {
  const started = performance.now();
  const until = started + seconds * 1000;
  const ops = (await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(until, i)))).reduce((a, b) => a + b, 0);
  const elapsed = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ ops, seconds: elapsed }) + '\n');
}

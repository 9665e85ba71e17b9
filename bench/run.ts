/**
 * `npm run bench`: every figure next to a baseline measured in the same run.
 * BENCH_SECONDS sets the length of each load phase (default 5).
 */
import { benchHttp } from './http';
import { benchAsync } from './async';
import { benchSns } from './sns';
import { benchSqs } from './sqs';
import { benchHrSync } from './hr-sync';
import { benchS3 } from './s3';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const sections = [benchHttp, benchAsync, benchSqs, benchSns, benchS3, benchHrSync];
for (const section of sections) {
  for (const line of await section(seconds)) console.log(line);
}

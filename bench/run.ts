/**
 * `npm run bench`: every figure next to a baseline measured in the same run.
 * BENCH_SECONDS sets the length of each load phase (default 5).
 * BENCH_ONLY=http,async (comma-separated section names, below) runs only those sections.
 */
import { benchHttp } from './http';
import { benchAsync } from './async';
import { benchSns } from './sns';
import { benchSqs } from './sqs';
import { benchHrSync } from './hr-sync';
import { benchDynamodb } from './dynamodb';
import { benchS3 } from './s3';
import { benchPostgres } from './postgres';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const sections: Record<string, (seconds: number) => Promise<string[]>> = {
  http: benchHttp,
  async: benchAsync,
  sqs: benchSqs,
  sns: benchSns,
  postgres: benchPostgres,
  s3: benchS3,
  dynamodb: benchDynamodb,
  'hr-sync': benchHrSync,
};
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((name) => !(name in sections)) ?? [];
if (unknown.length > 0) {
  console.error(`BENCH_ONLY: unknown section(s) ${unknown.join(', ')}; known: ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}
for (const [name, section] of Object.entries(sections)) {
  if (only && !only.includes(name)) continue;
  for (const line of await section(seconds)) console.log(line);
}

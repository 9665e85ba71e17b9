/**
 * DynamoDB through the real `@aws-sdk/client-dynamodb`: PutItem, GetItem and Query (one
 * partition, a 10-item sort-key range) ops/s against Stratus (started with startApp, embedded
 * SQLite engine) next to the same client code against moto's server (`python3 -m moto.server`)
 * started in the same run. The client runs in its own process with CONCURRENCY loops for a
 * fixed time per phase.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { clientOpsPerSecond, measureBoth, opsRow } from './moto';

const CONCURRENCY = Number(process.env.BENCH_DYNAMODB_CONCURRENCY ?? 8);
/** Client processes per phase: the SDK is CPU-heavy, one process can be what limits the figures. */
const CLIENTS = Number(process.env.BENCH_DYNAMODB_CLIENTS ?? 1);
const TABLE = 'bench-ddb';
const PHASES = ['put', 'get', 'query'] as const;
type Rates = Record<(typeof PHASES)[number], number>;

export async function benchDynamodb(seconds: number): Promise<string[]> {
  const { stratus, moto } = await measureBoth('ddb', (endpoint) => measure(endpoint, seconds));
  const m = moto instanceof Error ? undefined : moto;
  const lines = [`## DynamoDB through @aws-sdk/client-dynamodb, ${CLIENTS} client process(es) × ${CONCURRENCY} concurrent loops, ${seconds} s per phase`];
  lines.push(opsRow('PutItem', stratus.put, m?.put));
  lines.push(opsRow('GetItem', stratus.get, m?.get));
  lines.push(opsRow('Query (10-item range)', stratus.query, m?.query));
  if (moto instanceof Error) lines.push(`moto baseline unavailable: ${moto.message}`);
  return lines;
}

/** The same phases, the same client code, whatever the server. */
async function measure(endpoint: string, seconds: number): Promise<Rates> {
  const ddb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  await ddb.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  ddb.destroy();
  const rates = {} as Rates;
  for (const phase of PHASES) rates[phase] = await clientPhase(endpoint, phase, seconds);
  return rates;
}

async function clientPhase(endpoint: string, phase: string, seconds: number): Promise<number> {
  const rates = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) =>
      // Each process has its own partitions (p<i*CONCURRENCY+worker>), so processes never write the same items.
      clientOpsPerSecond('dynamodb-client.ts', [endpoint, TABLE, phase, String(seconds), String(CONCURRENCY), String(i * CONCURRENCY)], seconds),
    ),
  );
  return rates.reduce((a, b) => a + b, 0);
}

/**
 * The load side of the DynamoDB benchmark, in its own process so the client's CPU never shares
 * the event loop of the server it measures (Stratus or moto get the same treatment).
 * Usage: node --import tsx bench/dynamodb-client.ts ENDPOINT TABLE put|get|query SECONDS CONCURRENCY [FIRST_WORKER]
 * Items: partition `p<worker>`, sort key 0, 1, 2, …; get and query first write (untimed) the
 * READ_SPAN items per worker they read.
 * Prints {"ops": n, "seconds": s}.
 */
import { BatchWriteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { runClientLoops } from './client-loops';

const [endpoint, table, phase, secondsArg, concurrencyArg, firstWorkerArg] = process.argv.slice(2);
const firstWorker = Number(firstWorkerArg ?? 0);
const seconds = Number(secondsArg);
const concurrency = Number(concurrencyArg);
const ddb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1 });
/** Reads aim at items every server surely has (the put phase writes far more per worker). */
const READ_SPAN = 50;

async function loop(until: number, worker: number): Promise<number> {
  let ops = 0;
  const pk = { S: `p${worker}` };
  while (performance.now() < until) {
    if (phase === 'put') {
      await ddb.send(new PutItemCommand({ TableName: table, Item: item(worker, ops) }));
    } else if (phase === 'get') {
      const { Item } = await ddb.send(new GetItemCommand({ TableName: table, Key: { pk, sk: { N: String(ops % READ_SPAN) } } }));
      if (!Item) throw new Error('missing item');
    } else {
      const { Items } = await ddb.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b', ExpressionAttributeValues: { ':p': pk, ':a': { N: String(ops % READ_SPAN) }, ':b': { N: String((ops % READ_SPAN) + 9) } }, Limit: 10 }));
      if (!Items?.length) throw new Error('empty query');
    }
    ops++;
  }
  return ops;
}

const item = (worker: number, n: number) => ({ pk: { S: `p${worker}` }, sk: { N: String(n) }, payload: { S: 'x'.repeat(100) }, n: { N: String(n) }, tags: { SS: ['a', 'b'] } });
if (phase !== 'put') {
  for (let w = firstWorker; w < firstWorker + concurrency; w++) {
    for (let n = 0; n < READ_SPAN + 10; n += 25) {
      const batch = Array.from({ length: Math.min(25, READ_SPAN + 10 - n) }, (_, i) => ({ PutRequest: { Item: item(w, n + i) } }));
      await ddb.send(new BatchWriteItemCommand({ RequestItems: { [table]: batch } }));
    }
  }
}

await runClientLoops(concurrency, seconds, (until, i) => loop(until, firstWorker + i));
ddb.destroy();

// GET /typed/{name} — a TypeScript handler; Stratus compiles it with esbuild, as `sam build` does.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { shout } from './lib/shout';

export const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> => {
  const name = event.pathParameters?.name ?? 'nobody';
  return {
    statusCode: 200,
    body: JSON.stringify({ shouted: shout(name), function: context.functionName, remainingMs: context.getRemainingTimeInMillis() }),
  };
};

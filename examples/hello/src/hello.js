// GET /hello?name=… — a plain JavaScript (ESM) handler. `invocations` lives at module scope, so it
// counts how many times this warm instance has been reused, exactly as on Lambda.
let invocations = 0;

export const handler = async (event, context) => {
  invocations += 1;
  const name = event.queryStringParameters?.name ?? 'world';
  console.log(`greeting ${name}`);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      message: `${process.env.GREETING}, ${name}!`,
      requestId: context.awsRequestId,
      invocations,
    }),
  };
};

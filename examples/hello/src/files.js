// ANY /files/{proxy+} — a greedy route: everything under /files/ lands here.
export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ method: event.requestContext.http.method, path: event.pathParameters.proxy }),
});

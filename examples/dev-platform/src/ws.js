// The WebSocket API's function. $connect and $disconnect just accept; `whoami` is a two-way route
// (it has a RouteResponse), so its body goes back to the page: the connection id the page hands
// to POST /uploads so the job can report to it.
exports.handler = async (event) => {
  const { routeKey, connectionId } = event.requestContext;
  if (routeKey === 'whoami') return { statusCode: 200, body: JSON.stringify({ type: 'hello', connectionId }) };
  return { statusCode: 200 };
};

// The two APIs' Lambda authorizers. The platform API's is a TOKEN authorizer (the Authorization
// header, shape checked by API Gateway's ValidationExpression first); the admin API's is a REQUEST
// authorizer on the X-Admin-Token header. A wrong secret is an explicit Deny (403).
const { policyFor, sameSecret } = require('devplatform-shared');

exports.platform = async (event) => {
  const token = event.authorizationToken.replace(/^Bearer /, '');
  const allowed = sameSecret(token, process.env.PLATFORM_TOKEN);
  return policyFor(allowed ? 'developer' : 'anonymous', allowed ? 'Allow' : 'Deny', event.methodArn, { role: 'developer' });
};

exports.admin = async (event) => {
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'x-admin-token');
  const allowed = sameSecret(header?.[1], process.env.ADMIN_TOKEN);
  return policyFor(allowed ? 'admin' : 'anonymous', allowed ? 'Allow' : 'Deny', event.methodArn, { role: 'admin' });
};

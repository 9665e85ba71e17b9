import { randomBytes } from 'node:crypto';

/**
 * API Gateway's connection, request and message ids look like `L0SM9cOFvHcCIhw=`: 11 random bytes
 * in base64 (16 characters, one `=`). Connection ids are used in URL paths by the management
 * API, so clients percent-encode them; `+` and `/` can appear as on AWS.
 */
export const newGatewayId = (): string => randomBytes(11).toString('base64');

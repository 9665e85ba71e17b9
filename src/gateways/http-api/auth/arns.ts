/**
 * The ARN an authorizer is asked about: `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/
 * {METHOD}/{path}` with the request's own method and path below the stage (REST `methodArn`,
 * HTTP API `routeArn`; "Input to an API Gateway Lambda authorizer").
 */
export function executeApiArn(region: string, accountId: string, apiId: string, stage: string, method: string, pathBelowStage: string): string {
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${method}${pathBelowStage.startsWith('/') ? pathBelowStage : '/' + pathBelowStage}`;
}

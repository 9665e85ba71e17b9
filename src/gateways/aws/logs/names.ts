/** `logGroupName`, or `logGroupIdentifier` (a name or a log group ARN), as the newer operations accept. */
import type { InputReader } from '../input';

export function groupNameOf(read: InputReader): string {
  const name = read.string('logGroupName');
  const identifier = read.string('logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) throw read.fail('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  if (name !== undefined) return name;
  if (identifier === undefined) throw read.fail('Either logGroupName or logGroupIdentifier must be specified.');
  // arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/x[:*]
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
  return arn ? arn[1] : identifier;
}

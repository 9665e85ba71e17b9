import { pseudoParameter } from '../pseudo';
import { evaluateString, expectList, type IntrinsicCall } from './call';

/**
 * `Ref`: a pseudo parameter, a template parameter or a resource, in that order.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html
 */
export function ref(args: unknown, call: IntrinsicCall): unknown {
  if (typeof args !== 'string' || !args) throw call.fail('Ref expects the name of a parameter or resource');
  return resolveName(args, call);
}

/** Shared by Ref and Fn::Sub's `${Name}`. */
export function resolveName(name: string, call: IntrinsicCall): unknown {
  const { scope } = call;
  const pseudo = pseudoParameter(name, scope.pseudo);
  if (pseudo !== undefined) return pseudo;
  if (name.startsWith('AWS::')) throw call.fail(`unknown pseudo parameter ${name}`);
  const parameter = scope.parameters.get(name);
  if (parameter) return parameter.value;
  if (call.mode === 'condition') {
    throw call.fail(`Conditions can only refer to parameters and pseudo parameters; '${name}' is not a parameter`);
  }
  if (!scope.refs.has(name)) throw call.fail(`Ref to '${name}', which is neither a parameter nor a resource of this template`);
  return scope.refs.ref(name, call.path);
}

/**
 * `Fn::GetAtt`: [LogicalId, Attribute]; the attribute may itself be a Ref to a parameter.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html
 */
export function getAtt(args: unknown, call: IntrinsicCall): unknown {
  // The long form also appears as "Res.Attr" in hand-written JSON; accept it like the short form.
  const list = typeof args === 'string' && args.includes('.') ? [args.slice(0, args.indexOf('.')), args.slice(args.indexOf('.') + 1)] : args;
  const [logicalId, attribute] = expectList(list, call, 2, 2, 'a list of two items: [LogicalId, AttributeName]');
  if (typeof logicalId !== 'string') throw call.fail('Fn::GetAtt: the logical id must be a literal string', [0]);
  const attributeName = evaluateString(attribute, call, [1], 'the attribute name');
  if (call.mode === 'condition') throw call.fail('Fn::GetAtt cannot be used in Conditions');
  return getAttOf(logicalId, attributeName, call);
}

export function getAttOf(logicalId: string, attribute: string, call: IntrinsicCall): unknown {
  if (!call.scope.refs.has(logicalId)) throw call.fail(`Fn::GetAtt refers to '${logicalId}', which is not a resource of this template`);
  return call.scope.refs.getAtt(logicalId, attribute, call.path);
}

/**
 * `Fn::FindInMap`: [MapName, TopLevelKey, SecondLevelKey]; each may be Ref or Fn::FindInMap.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html
 */
export function findInMap(args: unknown, call: IntrinsicCall): unknown {
  const list = expectList(args, call, 3, 3, 'a list of three items: [MapName, TopLevelKey, SecondLevelKey]');
  const [mapName, topKey, secondKey] = list.map((item, index) => evaluateString(item, call, [index], 'each key'));
  const mapping = call.scope.mappings[mapName!];
  if (!isRecord(mapping)) throw call.fail(`Fn::FindInMap: mapping '${mapName}' is not defined in Mappings`, [0]);
  const top = mapping[topKey!];
  if (!isRecord(top)) throw call.fail(`Fn::FindInMap: mapping '${mapName}' has no key '${topKey}'`, [1]);
  if (!(secondKey! in top)) throw call.fail(`Fn::FindInMap: mapping '${mapName}.${topKey}' has no key '${secondKey}'`, [2]);
  return top[secondKey!];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

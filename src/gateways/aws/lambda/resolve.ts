/** FunctionName (+ Qualifier) → the template function, or Lambda's 404 naming the ARN it looked for. */
import type { FunctionSpec } from '../../../template/model';
import type { LambdaBackend } from './index';
import { functionArn, functionNotFound, LATEST, parseFunctionName } from './names';

/**
 * The functions live in Stratus's configured region and account; an ARN naming another one is not
 * found. A bare name is looked up whatever region the client signed for, so a shell whose
 * AWS_REGION differs from Stratus's still reaches the app.
 */
export function resolveFunction(backend: LambdaBackend, nameParam: string, qualifierParam: string | null): FunctionSpec {
  const ref = parseFunctionName(nameParam, qualifierParam);
  const home = backend.home;
  const arn = functionArn(ref.region ?? home.region, ref.accountId ?? home.accountId, ref.name, ref.qualifier);
  const inThisAccount = (ref.accountId ?? home.accountId) === home.accountId && (ref.region ?? home.region) === home.region;
  const spec = inThisAccount ? backend.find(ref.name) : undefined;
  // Only the physical name addresses a function on Lambda (the logical id is the template's).
  if (!spec || spec.name !== ref.name) throw functionNotFound(arn);
  if (ref.qualifier !== undefined && ref.qualifier !== LATEST) throw functionNotFound(arn);
  return spec;
}

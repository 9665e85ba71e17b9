import type { LayerSpec } from '../model';
import { localDirectory } from './code';
import type { ResourceContext } from './context';

/**
 * AWS::Serverless::LayerVersion (ContentUri) and AWS::Lambda::LayerVersion (Content as a local
 * path, as `sam local` accepts it).
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-layerversion.html
 */
export function buildLayer(ctx: ResourceContext): LayerSpec {
  const property = ctx.raw.type === 'AWS::Serverless::LayerVersion' ? 'ContentUri' : 'Content';
  const content = ctx.properties[property];
  if (content === undefined) throw ctx.fail(`${property} is required`, [], 'key');
  return {
    logicalId: ctx.logicalId,
    name: ctx.env.refs.physicalName(ctx.logicalId, ['Resources', ctx.logicalId]),
    contentDir: localDirectory(ctx, content, [property]),
  };
}

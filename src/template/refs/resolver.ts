import { evaluate } from '../intrinsics/evaluate';
import type { TemplatePath } from '../parse/paths';
import { NO_VALUE } from '../pseudo';
import type { RawResource } from '../raw-resources';
import type { RefLookup, Scope } from '../scope';
import { placeholderAttribute, REF_TABLE, type RefSubject } from './table';

/**
 * Answers Ref and Fn::GetAtt for resources. Physical names are computed on demand (a name may be
 * `!Sub ${AWS::StackName}-jobs` or refer to another resource); a name that needs itself is a
 * circular dependency.
 */
export class RefResolver implements RefLookup {
  private readonly byId = new Map<string, RawResource>();
  private readonly names = new Map<string, string>();
  private readonly inProgress: string[] = [];

  constructor(
    resources: RawResource[],
    private readonly scope: () => Scope,
  ) {
    for (const resource of resources) this.byId.set(resource.logicalId, resource);
  }

  has(logicalId: string): boolean {
    return this.byId.has(logicalId);
  }

  ref(logicalId: string, from: TemplatePath): unknown {
    const resource = this.created(logicalId, from);
    const semantics = REF_TABLE[resource.type];
    return semantics ? semantics.ref(this.subject(resource, from)) : this.physicalName(logicalId, from);
  }

  getAtt(logicalId: string, attribute: string, from: TemplatePath): unknown {
    const resource = this.created(logicalId, from);
    const semantics = REF_TABLE[resource.type];
    const subject = this.subject(resource, from);
    if (!semantics) {
      this.scope().sink.warn(`${resource.type}: Fn::GetAtt ${logicalId}.${attribute} gets a placeholder value (Stratus does not know this type's attributes)`);
      return placeholderAttribute(resource.type, subject);
    }
    const attributeOf = semantics.attributes[attribute];
    if (!attributeOf) {
      const known = Object.keys(semantics.attributes);
      const hint = known.length ? ` (it has ${known.join(', ')})` : ' (it has no attributes)';
      throw this.scope().locator.error(`Fn::GetAtt: ${resource.type} '${logicalId}' has no attribute '${attribute}'${hint}`, from);
    }
    return attributeOf(subject);
  }

  /** The resource's physical name: its name property when given, else its logical id. */
  physicalName(logicalId: string, from: TemplatePath): string {
    const known = this.names.get(logicalId);
    if (known !== undefined) return known;
    const resource = this.byId.get(logicalId)!;
    const nameProperty = REF_TABLE[resource.type]?.nameProperty;
    const raw = nameProperty ? resource.properties[nameProperty] : undefined;
    let name = defaultName(resource);
    if (raw !== undefined && raw !== null) {
      const value = this.guarded(logicalId, from, () => evaluate(raw, ['Resources', logicalId, 'Properties', nameProperty!], this.scope()));
      if (value !== NO_VALUE && value !== undefined) name = String(value);
    }
    this.names.set(logicalId, name);
    return name;
  }

  private subject(resource: RawResource, from: TemplatePath): RefSubject {
    return {
      logicalId: resource.logicalId,
      name: this.physicalName(resource.logicalId, from),
      pseudo: this.scope().pseudo,
      property: (name) => {
        const raw = resource.properties[name];
        if (raw === undefined) return undefined;
        return this.guarded(resource.logicalId, from, () => evaluate(raw, ['Resources', resource.logicalId, 'Properties', name], this.scope()));
      },
    };
  }

  private created(logicalId: string, from: TemplatePath): RawResource {
    const resource = this.byId.get(logicalId)!;
    if (!resource.active) {
      throw this.scope().locator.error(
        `refers to '${logicalId}', which is not created because its condition '${resource.condition}' is false (Unresolved resource dependency)`,
        from,
      );
    }
    return resource;
  }

  private guarded<T>(logicalId: string, from: TemplatePath, step: () => T): T {
    if (this.inProgress.includes(logicalId)) {
      const cycle = [...this.inProgress.slice(this.inProgress.indexOf(logicalId)), logicalId];
      throw this.scope().locator.error(`Circular dependency between resources: [${cycle.join(', ')}]`, from);
    }
    this.inProgress.push(logicalId);
    try {
      return step();
    } finally {
      this.inProgress.pop();
    }
  }
}

/** SQS FIFO queues need the `.fifo` suffix; CloudFormation adds it to generated names too. */
function defaultName(resource: RawResource): string {
  // Bucket names are lower case only (CloudFormation generates a lower-case name too).
  if (resource.type === 'AWS::S3::Bucket') return resource.logicalId.toLowerCase();
  const fifo = resource.type === 'AWS::SQS::Queue' && (resource.properties.FifoQueue === true || resource.properties.FifoQueue === 'true');
  return fifo ? `${resource.logicalId}.fifo` : resource.logicalId;
}

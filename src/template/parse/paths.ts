/**
 * A location inside the template as a list of keys and array indexes, e.g.
 * ['Resources', 'Hello', 'Properties', 'Events', 'Api', 'Properties', 'Path'].
 */
export type PathSegment = string | number;
export type TemplatePath = readonly PathSegment[];

/** Stable map key for a path (segments cannot contain NUL). */
export const pathKey = (path: TemplatePath): string => path.join('\u0000');

/** Keys that open an intrinsic function; the shown property path stops before them. */
export function isIntrinsicKey(segment: PathSegment): boolean {
  // `Condition` is left out: it is far more often a resource attribute than the function.
  return typeof segment === 'string' && (segment === 'Ref' || segment.startsWith('Fn::'));
}

/**
 * How a path is shown in messages: `Properties.Layers[0]`. Segments inside an intrinsic's
 * arguments are dropped, because users think of the property, not of `Fn::Join[1][0]`.
 */
export function displayPath(path: TemplatePath): string {
  let text = '';
  for (const segment of path) {
    if (isIntrinsicKey(segment)) break;
    text += typeof segment === 'number' ? `[${segment}]` : text ? `.${segment}` : segment;
  }
  return text;
}

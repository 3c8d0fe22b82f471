/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access --
   a Swagger definition is untyped data here, read as API Gateway reads it */

/** One segment of a resource path: `session`, `{sessionId}` or the greedy `{proxy+}`. */
type SegmentKind = 'literal' | 'variable' | 'greedy';

const kindOf = (segment: string): SegmentKind => (!segment.startsWith('{') ? 'literal' : segment.endsWith('+}') ? 'greedy' : 'variable');

/**
 * The operation API Gateway (REST API) runs for a request, given the definition's `paths`, or
 * undefined where it answers 403 "Missing Authentication Token" (no such resource or method).
 *
 * API Gateway builds a tree of resources from the paths, intermediate ones included (`/a/{b}/c`
 * creates `/a` and `/a/{b}` without methods), and routes to the resource that matches most
 * closely: at each level a literal segment before a `{variable}` before a greedy `{variable+}`.
 * The model takes that choice once per level and never retries a looser sibling, the strictest
 * reading: a route that works under it does not depend on a fallback.
 */
export function operationFor(paths: Record<string, any>, method: string, path: string): any {
  const resources = Object.keys(paths).map((key) => key.split('/').filter(Boolean));
  const request = path.split('/').filter(Boolean);
  const matched: string[] = [];
  while (matched.length < request.length) {
    const depth = matched.length;
    const children = resources.filter((r) => r.length > depth && r.slice(0, depth).join('/') === matched.join('/')).map((r) => r[depth]);
    const pick =
      children.find((c) => kindOf(c) === 'literal' && c === request[depth]) ??
      children.find((c) => kindOf(c) === 'variable') ??
      children.find((c) => kindOf(c) === 'greedy');
    if (pick === undefined) return undefined;
    matched.push(pick);
    if (kindOf(pick) === 'greedy') break;
  }
  const resource = paths[`/${matched.join('/')}`];
  return resource?.[method.toLowerCase()] ?? resource?.['x-amazon-apigateway-any-method'];
}

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument --
   a template is untyped data until CloudFormation reads it */
import { readFileSync } from 'node:fs';
import { parse, type Tags, type YAMLMap, type YAMLSeq } from 'yaml';

/** A CloudFormation template as plain data: intrinsics appear as `{ Ref: x }`, `{ 'Fn::Sub': ... }`. */
export type Template = Record<string, any>;

const FUNCTIONS = ['Sub', 'GetAtt', 'If', 'Equals', 'Not', 'And', 'Or', 'Select', 'Split', 'Join', 'FindInMap', 'Base64', 'ImportValue', 'GetAZs', 'Cidr'];

const toJS = (node: YAMLMap | YAMLSeq): unknown => node.toJSON();

/** The short-form intrinsic tags (`!Ref`, `!Sub`, ...) as `yaml` custom tags, in scalar, sequence and mapping form. */
export const CFN_TAGS: Tags = [
  { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
  { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) },
  // `!GetAtt A.B` is the short form of `Fn::GetAtt: [A, B]`.
  { tag: '!GetAtt', resolve: (value: string) => ({ 'Fn::GetAtt': [value.slice(0, value.indexOf('.')), value.slice(value.indexOf('.') + 1)] }) },
  ...FUNCTIONS.filter((name) => name !== 'GetAtt').map((name) => ({ tag: `!${name}`, resolve: (value: string) => ({ [`Fn::${name}`]: value }) })),
  ...FUNCTIONS.flatMap((name) => [
    { tag: `!${name}`, collection: 'seq' as const, resolve: (seq: YAMLMap | YAMLSeq) => ({ [`Fn::${name}`]: toJS(seq) }) },
    { tag: `!${name}`, collection: 'map' as const, resolve: (map: YAMLMap | YAMLSeq) => ({ [`Fn::${name}`]: toJS(map) }) },
  ]),
];

export function parseTemplate(text: string): Template {
  return parse(text, { customTags: CFN_TAGS, maxAliasCount: -1 }) as Template;
}

export function loadTemplate(path: string): Template {
  return parseTemplate(readFileSync(path, 'utf8'));
}

const NO_VALUE = Symbol('AWS::NoValue');
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What CloudFormation would see for these parameter values (the rest at their defaults): conditions
 * evaluated, `Fn::If` chosen, `AWS::NoValue` dropped, resources and outputs whose condition is false
 * removed. Other intrinsics (`Ref`, `Fn::Sub`, ...) stay as they are.
 */
export function resolveFor(template: Template, overrides: Record<string, string> = {}): Template {
  const params: Record<string, string> = {};
  for (const [name, p] of Object.entries<any>(template.Parameters ?? {})) params[name] = overrides[name] ?? String(p.Default);
  const conditions = new Map<string, boolean>();
  const value = (v: any): unknown => (isObject(v) && 'Ref' in v ? params[v.Ref as string] : v);
  const test = (expr: any): boolean => {
    if (isObject(expr) && 'Condition' in expr) return condition(expr.Condition as string);
    if (isObject(expr) && 'Fn::Equals' in expr) return String(value(expr['Fn::Equals'][0])) === String(value(expr['Fn::Equals'][1]));
    if (isObject(expr) && 'Fn::Not' in expr) return !test(expr['Fn::Not'][0]);
    if (isObject(expr) && 'Fn::And' in expr) return (expr['Fn::And'] as any[]).every(test);
    if (isObject(expr) && 'Fn::Or' in expr) return (expr['Fn::Or'] as any[]).some(test);
    throw new Error(`cannot evaluate condition ${JSON.stringify(expr)}`);
  };
  function condition(name: string): boolean {
    if (!(name in (template.Conditions ?? {}))) throw new Error(`unknown condition ${name}`);
    if (!conditions.has(name)) conditions.set(name, test(template.Conditions[name]));
    return conditions.get(name)!;
  }
  const walk = (node: any): any => {
    if (Array.isArray(node)) return node.map(walk).filter((item) => item !== NO_VALUE);
    if (!isObject(node)) return node;
    if (node.Ref === 'AWS::NoValue') return NO_VALUE;
    if ('Fn::If' in node) {
      const [name, whenTrue, whenFalse] = node['Fn::If'] as [string, unknown, unknown];
      return walk(condition(name) ? whenTrue : whenFalse);
    }
    const out: Record<string, any> = {};
    for (const [key, child] of Object.entries(node)) {
      const resolved = walk(child);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  };
  const kept = (section: Record<string, any> = {}) =>
    Object.fromEntries(Object.entries(section).filter(([, item]) => item.Condition === undefined || condition(item.Condition as string)));
  return { ...template, Resources: walk(kept(template.Resources)), Outputs: walk(kept(template.Outputs)) };
}

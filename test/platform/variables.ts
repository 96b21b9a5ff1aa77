// LTI custom parameter substitution ($User.id, $Context.title, …), the `variables` the
// platform advertises in its openid-configuration. Unknown variables pass through as
// literal text, as the LTI core spec requires.
import type { SimCourse, SimResourceLink, SimUser } from './seed';

export interface VariableScope {
  user: SimUser;
  course?: SimCourse;
  link?: SimResourceLink;
}

const RESOLVERS: Record<string, (s: VariableScope) => string | undefined> = {
  'User.id': (s) => s.user.sub,
  'Person.name.full': (s) => s.user.name,
  'Person.name.given': (s) => s.user.given_name,
  'Person.name.family': (s) => s.user.family_name,
  'Person.email.primary': (s) => s.user.email,
  'Context.id': (s) => s.course?.id,
  'Context.title': (s) => s.course?.title,
  'Context.label': (s) => s.course?.label,
  'ResourceLink.id': (s) => s.link?.id,
  'ResourceLink.title': (s) => s.link?.title,
};

export const SUPPORTED_VARIABLES: readonly string[] = Object.keys(RESOLVERS);

export function substituteVariables(custom: Record<string, string>, scope: VariableScope): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(custom)) {
    const resolver = v.startsWith('$') ? RESOLVERS[v.slice(1)] : undefined;
    out[k] = resolver?.(scope) ?? v;
  }
  return out;
}

import { safeParse, type Parsed, type Schema, type SchemaIssue } from '@g2g/webex-spec/rest';
import { badRequest } from './errors';

/**
 * Reads query filters with their `@g2g/webex-spec/rest` schema, answering
 * the 400 Webex gives for bad input, one description per problem, each
 * naming the parameter.
 */
export function parseQuery<S extends Schema>(schema: S, query: URLSearchParams): Parsed<S> {
  const raw: Record<string, string> = {};
  // An empty value is no value, as Webex treats `?max=`.
  for (const [k, v] of query) if (v !== '') raw[k] = v;
  const parsed = safeParse(schema, raw);
  if (parsed.success) return parsed.data as Parsed<S>;
  throw badRequest(...parsed.issues.map((i) => describeIssue(i, raw)));
}

/** `max must be at least 1.`: a zod issue in the words of a Webex 400 description. */
export function describeIssue(issue: SchemaIssue, input: Record<string, unknown>): string {
  const field = issue.path.map(String).join('.');
  if (!field) return issue.message;
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return `${field} is required.`;
  }
  // Messages written for a Webex description already ("must be …") get the field in front.
  if (/^(must|is) /.test(issue.message)) return `${field} ${issue.message}.`;
  switch (issue.code) {
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map(String).join(', ')}.`;
    case 'invalid_type':
      return `${field} must be ${TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`}.`;
    case 'too_small':
      return issue.origin === 'string'
        ? `${field} must be at least ${issue.minimum} characters.`
        : `${field} must be at least ${issue.minimum}.`;
    case 'too_big':
      return issue.origin === 'string'
        ? `${field} must be at most ${issue.maximum} characters.`
        : `${field} must be at most ${issue.maximum}.`;
    case 'invalid_format':
      return `${field} must be ${FORMAT_WORDS[issue.format] ?? `a valid ${issue.format}`}.`;
    default:
      return `${field}: ${issue.message}`;
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

const FORMAT_WORDS: Record<string, string> = {
  datetime: 'an ISO-8601 date-time',
  date: 'an ISO-8601 date',
  email: 'an email address',
  url: 'a URL',
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

import * as z from 'zod/mini';
import { findEndpoint, responseSchema, type Endpoint } from './endpoints';

/** What {@link checkShape} found. Problems name paths and expectations, never values. */
export type ShapeCheck<T> = { ok: true; data: T } | { ok: false; problems: string[] };

/**
 * Parses `value` with `schema`. With `strict`, a field the schema does not
 * know is a problem too (`items[0].adhoc: not in the spec`): that is how the
 * simulator is kept from inventing fields a client could come to rely on.
 * Clients parse without `strict`, so Webex adding a field never breaks them.
 *
 * Problems never quote the value (answers carry tokens and passwords).
 */
export function checkShape<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  options: { strict?: boolean } = {},
): ShapeCheck<z.output<S>> {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`),
    };
  }
  if (options.strict) {
    const extra = unknownKeys(value, parsed.data, []);
    if (extra.length) return { ok: false, problems: extra.map((p) => `${p}: not in the spec`) };
  }
  return { ok: true, data: parsed.data };
}

/**
 * Keys of `original` that parsing dropped. Zod objects strip what their
 * shape lacks (and loose objects keep it), so comparing the input with the
 * parsed output finds exactly the fields the schema does not declare,
 * however deeply nested, through unions and arrays alike.
 */
function unknownKeys(original: unknown, parsed: unknown, path: PropertyKey[]): string[] {
  if (Array.isArray(original) && Array.isArray(parsed)) {
    return original.flatMap((item, i) => unknownKeys(item, parsed[i], [...path, i]));
  }
  if (!isRecord(original) || !isRecord(parsed)) return [];
  return Object.keys(original).flatMap((key) =>
    key in parsed
      ? unknownKeys(original[key], parsed[key], [...path, key])
      : original[key] === undefined
        ? []
        : [pathText([...path, key])],
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(body)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`))
    .join('');
}

/** Why a response breaks the spec, or an empty list when it does not. */
export interface ResponseVerdict {
  endpoint: Endpoint | undefined;
  problems: string[];
}

/**
 * Checks one answer of the Webex REST API (`path` relative to the service
 * base, no query) against the declared endpoint: a success status the
 * endpoint does not declare, a body where none belongs, or a body that does
 * not match (strictly: no undeclared fields) is a problem. Error statuses
 * must carry the error envelope.
 */
export function checkResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
  base: Endpoint['base'] = 'rest',
): ResponseVerdict {
  const endpoint = findEndpoint(method, path, base);
  if (!endpoint) {
    if (status >= 400) {
      // An unknown route still answers with Webex's error envelope.
      return { endpoint, problems: errorProblems(undefined, status, body) };
    }
    return { endpoint, problems: [`${method} ${path} is not a REST endpoint of the spec table`] };
  }
  if (status >= 400) return { endpoint, problems: errorProblems(endpoint, status, body) };
  const schema = responseSchema(endpoint, status);
  if (schema === undefined) {
    const declared = Object.keys(endpoint.responses).join(', ');
    return { endpoint, problems: [`status ${status} is not declared (expected ${declared})`] };
  }
  if (schema === null) {
    return {
      endpoint,
      problems: body === undefined || body === '' ? [] : [`status ${status} carries no body`],
    };
  }
  const check = checkShape(schema, body, { strict: true });
  return { endpoint, problems: check.ok ? [] : check.problems };
}

function errorProblems(endpoint: Endpoint | undefined, status: number, body: unknown): string[] {
  // A 429 may come without a body (WEBEX-REFERENCE §3).
  if (status === 429 && (body === undefined || body === '')) return [];
  const schema = endpoint ? responseSchema(endpoint, status)! : responseSchema(FALLBACK, status)!;
  const check = checkShape(schema, body, { strict: true });
  return check.ok ? [] : check.problems.map((p) => `error body ${p}`);
}

const FALLBACK: Endpoint = {
  name: 'unknown',
  method: 'GET',
  path: '/',
  base: 'rest',
  source: '',
  responses: {},
};

/**
 * zod's `safeParse` for any schema here, for callers that word the issues
 * themselves (the simulator's 400 descriptions).
 */
export function safeParse<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
): { success: true; data: z.output<S> } | { success: false; issues: z.core.$ZodIssue[] } {
  const parsed = z.safeParse(schema, value);
  return parsed.success
    ? { success: true, data: parsed.data }
    : { success: false, issues: parsed.error.issues };
}

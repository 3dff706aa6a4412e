import { badRequest } from './errors';
import type { SimRequest } from './types';

/** Parses a JSON object body, or answers 400 as Webex does for malformed input. */
export function jsonBody(req: SimRequest): Record<string, unknown> {
  if (req.rawBody.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** Parses an `application/x-www-form-urlencoded` body (OAuth endpoints) — JSON is accepted too. */
export function formBody(req: SimRequest): Record<string, string> {
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    const json = jsonBody(req);
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, String(v)]));
  }
  return Object.fromEntries(new URLSearchParams(req.rawBody.toString('utf8')));
}

// Typed field readers: each throws a 400 naming the field, never a 500.
export function str(
  body: Record<string, unknown>,
  field: string,
  opts: { required: true; max?: number },
): string;
export function str(
  body: Record<string, unknown>,
  field: string,
  opts?: { required?: false; max?: number },
): string | undefined;
export function str(
  body: Record<string, unknown>,
  field: string,
  opts: { required?: boolean; max?: number } = {},
): string | undefined {
  const v = body[field];
  if (v === undefined || v === null || v === '') {
    if (opts.required) throw badRequest(`${field} is required.`);
    return undefined;
  }
  if (typeof v !== 'string') throw badRequest(`${field} must be a string.`);
  if (opts.max !== undefined && v.length > opts.max) {
    throw badRequest(`${field} must be at most ${opts.max} characters.`);
  }
  return v;
}

export function bool(body: Record<string, unknown>, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw badRequest(`${field} must be true or false.`);
  return v;
}

export function int(body: Record<string, unknown>, field: string): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw badRequest(`${field} must be an integer.`);
  return v;
}

export function strArray(body: Record<string, unknown>, field: string): string[] | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw badRequest(`${field} must be a list of strings.`);
  }
  return v as string[];
}

export function obj(
  body: Record<string, unknown>,
  field: string,
): Record<string, unknown> | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw badRequest(`${field} must be an object.`);
  return v as Record<string, unknown>;
}

export function objArray(
  body: Record<string, unknown>,
  field: string,
): Record<string, unknown>[] | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) {
    throw badRequest(`${field} must be a list of objects.`);
  }
  return v as Record<string, unknown>[];
}

/** A loose email check: enough to turn obvious garbage into a 400. */
export function isEmail(v: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
}

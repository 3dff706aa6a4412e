/*
 * The display-name rule, once. A guest's name is cleaned a single time, on
 * the server, when its guest token is minted (`POST /v1/guests/token`): the
 * name then travels inside the token, and Locus shows it to everyone. The
 * browser sends no second name unless the integrator asks for one.
 */

/** Longest display name, in Unicode code points (not UTF-16 units: "👩‍⚕️" is 4, not 7). */
export const DISPLAY_NAME_MAX = 128;

// Control characters, bidi overrides/isolates and zero-width characters: they
// let a name impersonate someone else or break the roster's layout.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Why a display name was refused. */
export type DisplayNameProblem = 'not-a-string' | 'empty' | 'too-long';

/** The outcome of {@link cleanDisplayName}. */
export type DisplayNameResult =
  | { readonly ok: true; readonly name: string }
  | {
      readonly ok: false;
      readonly problem: DisplayNameProblem;
      /** A sentence for the person who typed it. */
      readonly message: string;
    };

/** Length in code points, the unit {@link DISPLAY_NAME_MAX} counts in. */
export function displayNameLength(name: string): number {
  let n = 0;
  for (const _ of name) n++;
  return n;
}

/**
 * Cleans a display name: Unicode NFC, control, bidi-override and zero-width
 * characters removed, runs of whitespace collapsed to one space, trimmed.
 * Refuses what is then empty or longer than {@link DISPLAY_NAME_MAX} code
 * points (refused, not clipped: the person sees why and loses nothing).
 *
 * @example
 * cleanDisplayName('  Dr.\u202e  Ada ') // → { ok: true, name: 'Dr. Ada' }
 */
export function cleanDisplayName(raw: unknown): DisplayNameResult {
  if (typeof raw !== 'string') {
    return { ok: false, problem: 'not-a-string', message: 'A display name must be text.' };
  }
  // Whitespace first, so a tab or newline between words becomes a space
  // rather than vanishing with the other control characters.
  const name = raw
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(UNSAFE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  if (!name) {
    return {
      ok: false,
      problem: 'empty',
      message: 'Enter a name with at least one visible character.',
    };
  }
  const length = displayNameLength(name);
  if (length > DISPLAY_NAME_MAX) {
    return {
      ok: false,
      problem: 'too-long',
      message: `A name can be at most ${DISPLAY_NAME_MAX} characters long; this one has ${length}.`,
    };
  }
  return { ok: true, name };
}

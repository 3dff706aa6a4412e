// Keys an operator configures by hand are the weakest link: `aaaa…`, an
// all-zero AES key, or one value pasted into three variables. Webex mode
// refuses them at start, saying what to generate instead.

/** How to make a good key, quoted in every refusal. */
export const GENERATE_HINT = 'generate one with `openssl rand -base64 32`';

/** Why a hand-typed secret is weak, or undefined when it will do (≈128 bits or more). */
export function weakSecretReason(value: string): string | undefined {
  if (value.length < 32) return `it has ${value.length} characters; it needs at least 32`;
  const chars = [...value];
  const distinct = new Set(chars).size;
  if (distinct === 1) return 'it repeats one character';
  for (let period = 1; period <= chars.length / 2; period++) {
    if (chars.every((c, i) => c === chars[i % period])) {
      return `it repeats a ${period}-character pattern`;
    }
  }
  const steps = chars
    .slice(1)
    .filter((c, i) => Math.abs(c.codePointAt(0)! - chars[i]!.codePointAt(0)!) === 1);
  if (steps.length >= chars.length / 2) return 'it is mostly a run of consecutive characters';
  const bits = chars.length * Math.log2(distinct);
  if (bits < 128)
    return `it uses only ${distinct} different characters (about ${Math.floor(bits)} bits)`;
  return undefined;
}

/** Why a 32-byte AES key is weak (all one byte, or little variety), or undefined. */
export function weakKeyBytesReason(key: Buffer): string | undefined {
  if (key.every((b) => b === 0)) return 'it is all zeros';
  const distinct = new Set(key).size;
  if (distinct === 1) return 'it repeats one byte';
  // 32 random bytes have ~30 distinct values; 12 or fewer happens by chance with
  // probability far below 1e-20, but every short repeated pattern lands there.
  if (distinct <= 12) return `it has only ${distinct} different bytes (a pattern, not random)`;
  return undefined;
}

/**
 * Every problem with a set of named secrets: weak ones and reused ones (the
 * same value in two variables), one line each, ready for the start-up message.
 */
export function secretProblems(
  secrets: { name: string; value: string | undefined; kind: 'typed' | 'aes-key' | 'given' }[],
): string[] {
  const problems: string[] = [];
  for (const s of secrets) {
    if (s.value === undefined) continue;
    const reason =
      s.kind === 'typed'
        ? weakSecretReason(s.value)
        : s.kind === 'aes-key'
          ? weakKeyBytesReason(Buffer.from(s.value, 'base64'))
          : undefined;
    if (reason) problems.push(`${s.name} is weak (${reason}): ${GENERATE_HINT}.`);
  }
  const present = secrets.filter((s) => s.value !== undefined);
  for (let i = 0; i < present.length; i++) {
    for (let j = i + 1; j < present.length; j++) {
      if (present[i]!.value === present[j]!.value) {
        problems.push(
          `${present[i]!.name} and ${present[j]!.name} have the same value: each needs its own (${GENERATE_HINT} for each).`,
        );
      }
    }
  }
  return problems;
}

/** The hand-configured secrets of webex mode. */
export interface WebexKeys {
  adminKey: string;
  operatorKey?: string | undefined;
  webhookSecret: string;
  encryptionKey: string;
  clientSecret: string;
}

/** What each secret is called where it is set: the environment (`main.ts`) or `startBackend`'s options. */
export const KEY_NAMES = {
  env: {
    adminKey: 'G2G_ADMIN_KEY',
    operatorKey: 'G2G_OPERATOR_KEY',
    webhookSecret: 'WEBEX_WEBHOOK_SECRET',
    encryptionKey: 'G2G_ENCRYPTION_KEY',
    clientSecret: 'WEBEX_CLIENT_SECRET',
  },
  options: {
    adminKey: 'adminKey',
    operatorKey: 'operatorKey',
    webhookSecret: 'webhookSecret',
    encryptionKey: 'encryptionKey',
    clientSecret: 'clientSecret',
  },
} as const satisfies Record<string, Record<keyof WebexKeys, string>>;

/** {@link secretProblems} of webex mode's keys, named as where they were set. */
export function webexKeyProblems(
  keys: WebexKeys,
  names: Record<keyof WebexKeys, string>,
): string[] {
  return secretProblems([
    { name: names.adminKey, value: keys.adminKey, kind: 'typed' },
    { name: names.operatorKey, value: keys.operatorKey, kind: 'typed' },
    { name: names.webhookSecret, value: keys.webhookSecret, kind: 'typed' },
    { name: names.encryptionKey, value: keys.encryptionKey, kind: 'aes-key' },
    { name: names.clientSecret, value: keys.clientSecret, kind: 'given' },
  ]);
}

import { createHash, randomBytes } from 'node:crypto';

/** Generated operator keys: `g2g_op_<16 hex id>_<43 base64url>`; the id is public, the rest secret. */
const KEY_FORMAT = /^g2g_op_([a-f0-9]{16})_[A-Za-z0-9_-]{43}$/;

/** A key's id: embedded in generated keys, derived (hashed) from configured ones. */
export function operatorKeyId(key: string): string {
  return KEY_FORMAT.exec(key)?.[1] ?? createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** A new operator key in the generated format (256 random bits after the id). */
export function newOperatorKey(): string {
  return `g2g_op_${randomBytes(8).toString('hex')}_${randomBytes(32).toString('base64url')}`;
}

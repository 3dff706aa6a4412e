import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newOperatorKey } from './operator-keys';

const VERSION = 'v1';

/**
 * AES-256-GCM for secrets at rest (tokens, the client secret, host keys).
 * Output: `v1.<iv>.<tag>.<ciphertext>` in base64url; the record's id is bound
 * in as associated data, so a ciphertext cannot be moved to another row.
 */
export class Sealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The encryption key must be 32 bytes.');
  }

  seal(plaintext: string, associated = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associated));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  open(sealed: string, associated = ''): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) {
      throw new Error('Not a sealed value.');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(associated));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}

/** A purpose-specific subkey, so one configured key never serves two algorithms. */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `g2g ${purpose}`, 32));
}

/** Constant-time string equality (compares digests, so lengths leak nothing either). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** Writes a file atomically (temp file + rename), readable by the owner only. */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, path);
  chmodSync(path, 0o600);
}

/** Secrets sim mode generates once and keeps in the data directory. */
export interface DevKeys {
  encryptionKey: string;
  /** The deployment admin's key (tenants, operator keys). */
  adminKey: string;
  webhookSecret: string;
  /** One operator key per simulated org, in provisioning order. */
  operatorKeys: string[];
}

/**
 * Loads the sim-mode dev keys from `dataDir/dev-keys.json`, creating them on
 * first start and adding operator keys when more orgs are simulated. A file
 * from before tenants (one `operatorKey`) keeps that key for the first org.
 */
export function loadOrCreateDevKeys(dataDir: string, orgs = 1): DevKeys & { created: boolean } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'dev-keys.json');
  const saved = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as Partial<DevKeys> & { operatorKey?: string })
    : undefined;
  const operatorKeys = saved?.operatorKeys ?? (saved?.operatorKey ? [saved.operatorKey] : []);
  while (operatorKeys.length < orgs) operatorKeys.push(newOperatorKey());
  const keys: DevKeys = {
    encryptionKey: saved?.encryptionKey ?? randomBytes(32).toString('base64'),
    adminKey: saved?.adminKey ?? `g2g_admin_${randomBytes(32).toString('base64url')}`,
    webhookSecret: saved?.webhookSecret ?? randomBytes(24).toString('base64url'),
    operatorKeys,
  };
  const changed = !saved || JSON.stringify(saved) !== JSON.stringify(keys);
  if (changed) writeFileAtomic(path, JSON.stringify(keys, null, 2));
  else chmodSync(path, 0o600);
  return { ...keys, created: !saved };
}

import { createHash, randomBytes } from 'node:crypto';

/**
 * All randomness in the world comes from here, so `startSim({seed})` gives
 * the same ids, numbers, passwords and tokens on every run.
 */
export class Ids {
  private state: Uint32Array;

  constructor(seed: string | number = randomBytes(16).toString('hex')) {
    const h = createHash('sha256').update(String(seed)).digest();
    this.state = new Uint32Array([
      h.readUInt32LE(0),
      h.readUInt32LE(4),
      h.readUInt32LE(8),
      h.readUInt32LE(12),
    ]);
  }

  /** sfc32: small, fast and good enough for identifiers. */
  private next(): number {
    const s = this.state;
    const t = (((s[0]! + s[1]!) | 0) + s[3]!) | 0;
    s[3] = (s[3]! + 1) | 0;
    s[0] = s[1]! ^ (s[1]! >>> 9);
    s[1] = (s[2]! + (s[2]! << 3)) | 0;
    s[2] = (s[2]! << 21) | (s[2]! >>> 11);
    s[2] = (s[2]! + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, maxExclusive: number): number {
    return min + Math.floor(this.next() * (maxExclusive - min));
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(0, 256);
    return b;
  }

  hex(n: number): string {
    return this.bytes(n).toString('hex');
  }

  /** RFC 4122 version-4 uuid. */
  uuid(): string {
    const b = this.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** Webex meeting ids are 32 lowercase hex characters. */
  meetingId(): string {
    return this.hex(16);
  }

  /** An 11-digit meeting number (access code) starting with 2, as Webex issues. */
  meetingNumber(): string {
    let n = '2';
    for (let i = 0; i < 10; i++) n += String(this.int(0, 10));
    return n;
  }

  hostKey(): string {
    return String(this.int(100000, 1000000));
  }

  /** Readable generated meeting passwords, like Webex's (no 0/O or 1/l/I). */
  password(): string {
    return this.pick('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789', 11);
  }

  /** Captcha codes: six characters that are hard to confuse in an image or audio. */
  captchaCode(): string {
    return this.pick('2345679', 6);
  }

  pick(alphabet: string, length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[this.int(0, alphabet.length)];
    return s;
  }

  /**
   * Access tokens in Webex's opaque format `<secret>_<cluster>_<orgId>`: the
   * SDK reads the org id from the third `_`-separated field.
   */
  accessToken(orgId: string): string {
    return `${this.bytes(36).toString('base64url').replace(/_/g, 'x')}_PF84_${orgId}`;
  }

  secret(): string {
    return this.bytes(32).toString('base64url');
  }

  trackingId(): string {
    return `SIM_${this.uuid()}`;
  }
}

/** Hydra ids are base64url(`ciscospark://<cluster>/<TYPE>/<uuid>`), unpadded. */
export function hydraId(type: string, uuid: string, cluster = 'us'): string {
  return Buffer.from(`ciscospark://${cluster}/${type}/${uuid}`).toString('base64url');
}

/** The uuid inside a Hydra id, or the input itself when it is already a uuid. */
export function uuidFromHydraId(id: string): string | undefined {
  if (/^[0-9a-f-]{36}$/i.test(id)) return id.toLowerCase();
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  return /^ciscospark:\/\/[^/]+\/[A-Z_]+\/([0-9a-f-]{36})$/i.exec(decoded)?.[1]?.toLowerCase();
}

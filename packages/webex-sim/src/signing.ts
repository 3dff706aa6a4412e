import { createHmac, timingSafeEqual } from 'node:crypto';
import type { World } from './world/world';

const MAC_BYTES = 16;

// Per world rather than per process so a seeded sim signs identically on every run.
const keys = new WeakMap<World, Buffer>();

function keyOf(world: World): Buffer {
  let key = keys.get(world);
  if (!key) {
    key = world.ids.bytes(32);
    keys.set(world, key);
  }
  return key;
}

/**
 * An opaque, tamper-evident base64url token carrying `payload`: join-link
 * tokens and Instant Connect ciphers. Clients must treat it as opaque; the
 * simulator reads it back with {@link unseal}.
 */
export function seal(world: World, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload));
  const mac = createHmac('sha256', keyOf(world)).update(body).digest().subarray(0, MAC_BYTES);
  return Buffer.concat([body, mac]).toString('base64url');
}

/** The payload of a token made by {@link seal}, or undefined when forged or garbled. */
export function unseal(world: World, token: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const raw = Buffer.from(token, 'base64url');
  if (raw.length <= MAC_BYTES) return undefined;
  const body = raw.subarray(0, raw.length - MAC_BYTES);
  const mac = raw.subarray(raw.length - MAC_BYTES);
  const expected = createHmac('sha256', keyOf(world)).update(body).digest().subarray(0, MAC_BYTES);
  if (!timingSafeEqual(mac, expected)) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

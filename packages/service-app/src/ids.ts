/**
 * Webex shows org, person and app ids as Hydra ids
 * (`base64url("ciscospark://us/ORGANIZATION/<uuid>")`) in some places and as
 * bare uuids in others. Tokens are kept per org under one canonical form.
 */

const HYDRA = /^ciscospark:\/\/[a-z0-9-]+\/([A-Z_]+)\/(.+)$/;

/** The type and uuid inside a Hydra id, or undefined when `id` is not one. */
export function decodeHydraId(id: string): { type: string; uuid: string } | undefined {
  if (!/^[A-Za-z0-9_\-+/=]+$/.test(id) || id.length < 24) return undefined;
  const text = Buffer.from(id, 'base64').toString('utf8');
  const match = HYDRA.exec(text);
  return match ? { type: match[1]!, uuid: match[2]! } : undefined;
}

/** An org id in canonical (bare uuid) form, whichever form it came in. */
export function canonicalOrgId(id: string): string {
  const hydra = decodeHydraId(id);
  return hydra?.type === 'ORGANIZATION' ? hydra.uuid : id;
}

/** A Service App's application id: base64 of `ciscospark://us/APPLICATION/<clientId>`. */
export function applicationIdFor(clientId: string): string {
  return Buffer.from(`ciscospark://us/APPLICATION/${clientId}`).toString('base64');
}

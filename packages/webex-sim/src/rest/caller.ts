import { requireApp, requireToken } from '../http/auth';
import { badRequest, unauthorized } from '../http/errors';
import type { SimRequest } from '../http/types';
import type { AccessToken, Org, Person, ServiceApp } from '../world/types';
import type { World } from '../world/world';

/** Who is calling: the token, its person, its org and, for Service App tokens, the app. */
export interface Caller {
  token: AccessToken;
  person: Person;
  org: Org;
  /** Set for Service App tokens; such calls act as the app's machine account. */
  app?: ServiceApp;
}

/**
 * Authenticates a request for the meetings/rooms/webhooks APIs. Service App
 * tokens must still be authorized in their org (deauthorization revokes them,
 * but a stale lookup must not slip through either).
 */
export function requireCaller(world: World, req: SimRequest, scopes: string[]): Caller {
  const token = requireToken(world, req, scopes);
  const app = token.kind === 'service-app' ? requireApp(world, token) : undefined;
  const person = world.identity.person(token.personId);
  const org = world.identity.org(token.orgId);
  // A token whose person or org was reset away is as good as unknown.
  if (!person || !org) throw unauthorized();
  return { token, person, org, ...(app ? { app } : {}) };
}

/** `siteUrl` must be the org's guest-to-guest site; Webex refuses other sites with a 400. */
export function checkSiteUrl(org: Org, siteUrl: string | undefined): string {
  if (siteUrl === undefined) return org.siteUrl;
  if (siteUrl.toLowerCase() !== org.siteUrl.toLowerCase()) {
    throw badRequest(`siteUrl ${siteUrl} is not a Webex site this user can schedule meetings on.`);
  }
  return org.siteUrl;
}

/** `acme-g2g.webex.com` → `acme-g2g`. */
export function sitePrefix(siteUrl: string): string {
  return siteUrl.split('.')[0]!;
}

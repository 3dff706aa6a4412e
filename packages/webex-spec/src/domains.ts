/*
 * Which hosts are Webex. A guest's token must only ever go to them, and both
 * SDK versions send it further than that:
 *
 * - webex-core attaches `Authorization` to any URL whose host merely
 *   *contains* one of its allowed domains (`host.includes('webex.com')`, so
 *   `webex.com.evil.example` qualifies);
 * - plugin-meetings POSTs meetingInfo for a SIP URI whose domain has exactly
 *   three labels straight to `https://<that domain>/wbxappapi/v1/meetingInfo`.
 *
 * So a destination parser must refuse any SIP or link host that is not
 * Webex before the SDK sees it. The rule here is the SDK's own list, matched
 * properly: the domain itself or a subdomain of it.
 */

/**
 * The domains the SDK treats as Webex (webex-core's allowed domains:
 * 2.60.4 `config.services.allowedDomains`, 3.12 `COMMERCIAL_ALLOWED_DOMAINS`).
 * `webex.com` covers every site (`acme.webex.com`) and FedRAMP
 * (`api-usgov.webex.com`); `ciscospark.com` and `wbx2.com` are Webex's
 * service hosts; the `broadcloud*` domains are Webex Calling's.
 */
export const WEBEX_DOMAINS: readonly string[] = [
  'webex.com',
  'wbx2.com',
  'ciscospark.com',
  'webexapis.com',
  'broadcloudpbx.com',
  'broadcloud.eu',
  'broadcloud.com.au',
  'broadcloudpbx.net',
];

const normalise = (domain: string) =>
  domain
    .trim()
    .toLowerCase()
    .replace(/^\*?\.+/, '')
    .replace(/\.+$/, '');

/** Whether `host` is `domain` or one of its subdomains (never a mere substring match). */
export function isHostInDomain(host: string, domain: string): boolean {
  const h = normalise(host);
  const d = normalise(domain);
  return !!d && (h === d || h.endsWith(`.${d}`));
}

/**
 * Whether `host` is Webex: one of {@link WEBEX_DOMAINS} or a subdomain, or
 * one of the integrator's `extraDomains` (e.g. a vanity or test domain).
 */
export function isWebexHost(host: string, extraDomains: readonly string[] = []): boolean {
  return [...WEBEX_DOMAINS, ...extraDomains].some((d) => isHostInDomain(host, d));
}

// plugin-meetings `MeetingInfoUtil.getWebexSite`: the domain of a SIP URI with exactly three labels.
const THREE_LABEL_SIP = /.+@([^.]+\.[^.]+\.[^.]+)$/;
const EXCEPTED_SITES = ['meet.webex.com', 'meetup.webex.com', 'ciscospark.com'];

/**
 * The host to which the SDK sends meetingInfo for this SIP URI directly,
 * bypassing the service catalog (`MeetingInfoUtil.getDirectMeetingInfoURI`):
 * the SIP domain when it has exactly three labels, unless it is excepted —
 * 3.12 skips a site *containing* `meet.webex.com`, `meetup.webex.com` or
 * `ciscospark.com`, 2.60.4 only those exact sites (so 2.60.4 goes direct for
 * `x@a.ciscospark.com`, 3.12 does not). `null`: the SDK asks the catalog's
 * `webex-appapi-service` instead.
 */
export function sdkDirectMeetingInfoHost(sipUri: string, sdkMajor: 2 | 3 = 3): string | null {
  const site = THREE_LABEL_SIP.exec(sipUri)?.[1];
  if (!site) return null;
  const excepted =
    sdkMajor === 2 ? EXCEPTED_SITES.includes(site) : EXCEPTED_SITES.some((d) => site.includes(d));
  return excepted ? null : site;
}

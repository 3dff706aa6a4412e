/**
 * URLs the real SDK calls whatever `config.services` says: no discovery
 * setting reaches them, so an offline run sees them leave loopback. Each
 * entry says what the SDK does when the call fails (as it does offline, or
 * when a network guard aborts it). Browser-safe.
 */
export interface HardCodedUrl {
  /** The exact URL (no query). */
  url: string;
  sdk: string;
  /** Where the SDK builds it. */
  source: string;
  /** What the browser and the SDK do with it offline. */
  offline: string;
}

export const SDK_HARD_CODED_URLS: readonly HardCodedUrl[] = [
  {
    url: 'https://ds.ciscospark.com/v1/region',
    sdk: 'webex@2.60.4 (and the stock widget)',
    source:
      '@webex/webex-core 2.60.4 lib/services/services.js fetchClientRegionInfo(), called by meetings.register() (fetchGeoHint); 3.x reads config.services.discovery.sqdiscovery instead',
    offline:
      'the request fails (no DNS, or aborted by a guard); the SDK logs it at info level and resolves it as "no region" (meetings.geoHintInfo stays undefined), and register() goes on',
  },
];

/** Whether `url` (query ignored) is one of {@link SDK_HARD_CODED_URLS}. */
export function isSdkHardCodedUrl(url: string): boolean {
  const bare = url.split(/[?#]/)[0];
  return SDK_HARD_CODED_URLS.some((h) => h.url === bare);
}

// Where a Webex site's own name resolves in a test browser: the simulator.
//
// webex@2.60.4 (the stock widget's SDK) sends meetingInfo for a SIP address
// with a three-label domain, as Webex issues them (`123@acme.webex.com`),
// straight to `https://acme.webex.com/wbxappapi/v1/meetingInfo`:
// `getDirectMeetingInfoURI` in @webex/plugin-meetings 2.60.4
// meeting-info/utilv2.js builds it from the address alone, the request
// carries the guest's token, and no interceptor of webex-core 2.60.4 maps it
// through the service catalog (the catalog's priority hosts apply only to
// Mercury and device websockets). So no discovery or catalog answer can keep
// it on loopback: the browser itself has to resolve the site to the
// simulator, as a hosts file would. This does it with a Playwright route on
// the browser context, answered by the simulator's own wbxappapi: the
// request never reaches the network, and the simulator logs it as usual.
// Node side only (it drives Playwright); the playwright import is types only.
import type { BrowserContext } from 'playwright';

/**
 * The site-direct wbxappapi URLs webex@2.60.4 builds from a SIP address
 * (`https://<site>.webex.com/wbxappapi/v1/…`; captcha images and refreshes
 * point at the simulator itself, so meetingInfo is the one that matters).
 */
export const WEBEX_SITE_WBXAPPAPI = /^https:\/\/[a-z0-9-]+\.webex\.com\/wbxappapi\/v1\//i;

const routed = new WeakMap<BrowserContext, string>();

/**
 * Answers every {@link WEBEX_SITE_WBXAPPAPI} request of `context` from the
 * simulator at `simUrl` (same path, method, headers and body). Routes added
 * later win in Playwright, so this takes precedence over a network guard
 * installed before it. Idempotent per context; a second call with another
 * simulator re-points it.
 */
export async function routeWebexSites(context: BrowserContext, simUrl: string): Promise<void> {
  const first = !routed.has(context);
  routed.set(context, simUrl.replace(/\/+$/, ''));
  if (!first) return;
  await context.route(WEBEX_SITE_WBXAPPAPI, async (route) => {
    const from = new URL(route.request().url());
    const target = `${routed.get(context)}${from.pathname}${from.search}`;
    try {
      await route.fulfill({ response: await route.fetch({ url: target }) });
    } catch {
      // The simulator has gone (the test is over): fail it as DNS would.
      await route.abort('connectionrefused').catch(() => {});
    }
  });
}

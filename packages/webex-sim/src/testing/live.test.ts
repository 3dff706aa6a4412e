import { describe, expect, it } from 'vitest';
import { startSim } from '../index';
import {
  LIVE_ENV,
  announceLiveMode,
  liveChoice,
  liveModeLine,
  restTarget,
  type AnnouncementState,
} from './live';

const TOKEN = 'NmY1ZTQ1NjMtN2E2ZS00ZWJiLTk1ZTctYjg0ZGJmNDY0ZWQ3_PF84_secret-token-value';
const full = { [LIVE_ENV.accessToken]: TOKEN, [LIVE_ENV.siteUrl]: 'acme-g2g.webex.com' };

describe('liveChoice: live only with every variable', () => {
  it('stays on the simulator without the variables', () => {
    expect(liveChoice({})).toEqual({
      mode: 'sim',
      missing: [LIVE_ENV.accessToken, LIVE_ENV.siteUrl],
      partial: false,
    });
  });

  it.each([
    [{ [LIVE_ENV.accessToken]: TOKEN }, [LIVE_ENV.siteUrl]],
    [{ [LIVE_ENV.siteUrl]: 'acme-g2g.webex.com' }, [LIVE_ENV.accessToken]],
    [{ ...full, [LIVE_ENV.accessToken]: '   ' }, [LIVE_ENV.accessToken]],
    [{ ...full, [LIVE_ENV.siteUrl]: '' }, [LIVE_ENV.siteUrl]],
  ])('stays on the simulator with only some of them (%j)', (env, missing) => {
    expect(liveChoice(env)).toEqual({ mode: 'sim', missing, partial: true });
  });

  it('goes live with all of them, reading the site as a host name', () => {
    expect(liveChoice({ ...full, [LIVE_ENV.siteUrl]: ' https://acme-g2g.webex.com/ ' })).toEqual({
      mode: 'live',
      accessToken: TOKEN,
      siteUrl: 'acme-g2g.webex.com',
    });
  });

  it('ignores look-alike variables (the backend’s WEBEX_* ones)', () => {
    const env = { WEBEX_ACCESS_TOKEN: TOKEN, WEBEX_CLIENT_ID: 'C1', WEBEX_SITE_URL: 'x.webex.com' };
    expect(liveChoice(env).mode).toBe('sim');
  });
});

describe('the one line', () => {
  it('says live mode was skipped and how to turn it on, without any value', () => {
    const line = liveModeLine(liveChoice({}));
    expect(line).toMatch(
      /^live mode skipped: set G2G_LIVE_WEBEX_ACCESS_TOKEN and G2G_LIVE_WEBEX_SITE_URL/,
    );
    expect(line.split('\n')).toHaveLength(1);
    const partial = liveModeLine(liveChoice({ [LIVE_ENV.accessToken]: TOKEN }));
    expect(partial).toMatch(/G2G_LIVE_WEBEX_SITE_URL not set/);
    expect(partial).not.toContain(TOKEN);
    expect(liveModeLine(liveChoice(full))).not.toContain(TOKEN);
  });

  it('is printed once however often it is asked for', () => {
    const lines: string[] = [];
    const state: AnnouncementState = {};
    for (let i = 0; i < 3; i++) announceLiveMode({}, (l) => lines.push(l), state);
    expect(lines).toEqual([liveModeLine(liveChoice({}))]);
  });
});

describe('restTarget', () => {
  it('is a fresh simulator checking its answers, by default', async () => {
    const target = await restTarget({ env: {} });
    try {
      expect(target.mode).toBe('sim');
      expect(target.sim?.validatesResponses).toBe(true);
      expect((await target.call('GET', '/people/me')).status).toBe(200);
      expect((await target.call('GET', '/people/me', { as: 'nobody' })).status).toBe(401);
    } finally {
      await target.close();
    }
  });

  // The live path, for real, against a simulator standing in for webexapis.com.
  it('in live mode, finds the machine account and checks the site', async () => {
    const sim = await startSim({ seed: 'live-path', validateResponses: true });
    try {
      const app = sim.control.createServiceApp();
      const env = {
        [LIVE_ENV.accessToken]: app.tokens!.accessToken,
        [LIVE_ENV.siteUrl]: app.siteUrl,
      };
      const target = await restTarget({ env, liveRestBase: `${sim.url}/v1` });
      expect(target).toMatchObject({ mode: 'live', siteUrl: app.siteUrl });
      expect(target.hostEmail).toBe(app.machineAccountEmail);
      expect(target.sim).toBeUndefined();
      expect((await target.call('GET', '/meetingPreferences/sites')).status).toBe(200);

      await expect(
        restTarget({
          env: { ...env, [LIVE_ENV.siteUrl]: 'elsewhere.webex.com' },
          liveRestBase: `${sim.url}/v1`,
        }),
      ).rejects.toThrow(/G2G_LIVE_WEBEX_SITE_URL=elsewhere\.webex\.com is not one of/);
      await expect(
        restTarget({
          env: { ...env, [LIVE_ENV.accessToken]: 'not-a-token' },
          liveRestBase: `${sim.url}/v1`,
        }),
      ).rejects.toThrow(/GET \/people\/me answered 401/);
    } finally {
      await sim.close();
    }
  });
});

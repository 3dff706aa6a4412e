import { bool, int, isEmail, jsonBody, strArray } from '../http/body';
import { badRequest } from '../http/errors';
import type { Router } from '../http/router';
import type { SchedulingOptions } from '../world/types';
import type { World } from '../world/world';
import { checkSiteUrl, requireCaller, sitePrefix, type Caller } from './caller';
import { CALL_IN_NUMBERS } from './meetingView';

const READ = ['meeting:preferences_read', 'meeting:preferences_write'];
const WRITE = ['meeting:preferences_write'];

function preferencesView(world: World, caller: Caller) {
  const { org } = caller;
  return {
    schedulingOptions: world.preferences.schedulingOptions(org.id),
    sites: sitesOf(caller),
    audio: {
      defaultAudioType: 'webexAudio' as const,
      otherTeleconferenceDescription: '',
      enabledGlobalCallIn: true,
      enabledTollFree: false,
      enabledAutoConnection: false,
      audioPin: '',
      officeNumber: NO_PHONE,
      mobileNumber: NO_PHONE,
    },
    video: { videoDevices: [] },
    personalMeetingRoom: personalRoom(caller),
  };
}

const NO_PHONE = {
  countryCode: '1',
  number: '',
  enabledCallInAuthentication: false,
  enabledCallMe: false,
};

/**
 * The caller's personal room. Guests and machine accounts have no real one;
 * this is the shape Webex answers with, with stand-in numbers.
 */
function personalRoom(caller: Caller) {
  const { person, org } = caller;
  const name = person.emails[0]!.split('@')[0]!;
  // A stable 11-digit access code per person, like a personal room's meeting number.
  const accessCode = person.id.replace(/\D/g, '').padEnd(11, '7').slice(0, 11);
  return {
    topic: `${person.displayName}'s Personal Room`,
    hostPin: '',
    personalMeetingRoomLink: `https://${org.siteUrl}/meet/${name}`,
    enabledAutoLock: false,
    autoLockMinutes: 0,
    enabledNotifyHost: false,
    supportCoHost: false,
    supportAnyoneAsCoHost: false,
    allowFirstUserToBeCoHost: false,
    allowAuthenticatedDevices: false,
    coHosts: [],
    sipAddress: `${name}@${sitePrefix(org.siteUrl)}.sim.webex.com`,
    dialInIpAddress: '192.0.2.10',
    telephony: {
      accessCode,
      callInNumbers: CALL_IN_NUMBERS,
      links: {
        rel: 'globalCallinNumbers',
        href: `/v1/meetingPreferences/personalMeetingRoom/globalCallinNumbers`,
        method: 'GET',
      },
    },
  };
}

/**
 * The PUT body: the spec requires `enabledJoinBeforeHost`,
 * `joinBeforeHostMinutes` and `enabledAutoShareRecording`; the other two
 * keep their value when left out.
 */
function readPatch(body: Record<string, unknown>): Partial<SchedulingOptions> {
  for (const field of [
    'enabledJoinBeforeHost',
    'joinBeforeHostMinutes',
    'enabledAutoShareRecording',
  ]) {
    if (body[field] === undefined || body[field] === null)
      throw badRequest(`${field} is required.`);
  }
  const patch: Partial<SchedulingOptions> = {};
  const jbh = bool(body, 'enabledJoinBeforeHost');
  const minutes = int(body, 'joinBeforeHostMinutes');
  const share = bool(body, 'enabledAutoShareRecording');
  const assistant = bool(body, 'enabledWebexAssistantByDefault');
  const delegates = strArray(body, 'delegateEmails');
  if (minutes !== undefined && ![0, 5, 10, 15].includes(minutes)) {
    throw badRequest('joinBeforeHostMinutes must be 0, 5, 10 or 15.');
  }
  const badDelegate = delegates?.find((e) => !isEmail(e));
  if (badDelegate !== undefined) throw badRequest(`${badDelegate} is not a valid email address.`);
  if (jbh !== undefined) patch.enabledJoinBeforeHost = jbh;
  if (minutes !== undefined) patch.joinBeforeHostMinutes = minutes;
  if (share !== undefined) patch.enabledAutoShareRecording = share;
  if (assistant !== undefined) patch.enabledWebexAssistantByDefault = assistant;
  if (delegates !== undefined) patch.delegateEmails = delegates;
  return patch;
}

/** The simulated org has one site: its guest-to-guest site, the default. */
function sitesOf(caller: Caller) {
  return [{ siteUrl: caller.org.siteUrl, default: true }];
}

/** Meeting preferences are kept per org: the simulated G2G site has one host identity. */
export function preferenceRoutes(r: Router, world: World): void {
  r.get('/v1/meetingPreferences', (req) => {
    const caller = requireCaller(world, req, READ);
    if (req.query.get('siteUrl')) checkSiteUrl(caller.org, req.query.get('siteUrl')!);
    return { status: 200, body: preferencesView(world, caller) };
  });

  r.get('/v1/meetingPreferences/schedulingOptions', (req) => {
    const caller = requireCaller(world, req, READ);
    if (req.query.get('siteUrl')) checkSiteUrl(caller.org, req.query.get('siteUrl')!);
    return { status: 200, body: world.preferences.schedulingOptions(caller.org.id) };
  });

  r.get('/v1/meetingPreferences/sites', (req) => {
    const caller = requireCaller(world, req, READ);
    if (req.query.get('siteUrl')) checkSiteUrl(caller.org, req.query.get('siteUrl')!);
    return { status: 200, body: { sites: sitesOf(caller) } };
  });

  r.put('/v1/meetingPreferences/schedulingOptions', (req) => {
    const caller = requireCaller(world, req, WRITE);
    const patch = readPatch(jsonBody(req));
    return { status: 200, body: world.preferences.setSchedulingOptions(caller.org.id, patch) };
  });
}

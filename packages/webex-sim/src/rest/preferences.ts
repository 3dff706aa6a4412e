import { bool, int, isEmail, jsonBody, strArray } from '../http/body';
import { badRequest } from '../http/errors';
import type { Router } from '../http/router';
import type { SchedulingOptions } from '../world/types';
import type { World } from '../world/world';
import { checkSiteUrl, requireCaller, type Caller } from './caller';

const READ = ['meeting:preferences_read', 'meeting:preferences_write'];
const WRITE = ['meeting:preferences_write'];

function preferencesView(world: World, caller: Caller) {
  const { person, org } = caller;
  return {
    schedulingOptions: world.schedulingOptions(org.id),
    sites: [{ siteUrl: org.siteUrl, default: true }],
    audio: {
      defaultAudioType: 'webexAudio',
      otherTeleconferenceDescription: '',
      enabledGlobalCallIn: true,
      enabledTollFree: false,
      enabledAutoConnection: false,
      audioPin: '',
      officeNumber: { countryCode: '1', number: '', enabledCallInAutomatically: false },
      mobileNumber: { countryCode: '1', number: '', enabledCallInAutomatically: false },
    },
    video: { videoDevices: [] },
    personalMeetingRoom: {
      topic: `${person.displayName}'s Personal Room`,
      hostPin: '',
      personalMeetingRoomLink: `https://${org.siteUrl}/meet/${person.emails[0]!.split('@')[0]}`,
      enabledAutoLock: false,
      autoLockMinutes: 0,
      enabledNotifyHost: false,
      supportCoHost: false,
      coHosts: [],
    },
  };
}

function readPatch(body: Record<string, unknown>): Partial<SchedulingOptions> {
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
  if (Object.keys(patch).length === 0) throw badRequest('No scheduling option to update.');
  return patch;
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
    return { status: 200, body: world.schedulingOptions(caller.org.id) };
  });

  r.put('/v1/meetingPreferences/schedulingOptions', (req) => {
    const caller = requireCaller(world, req, WRITE);
    const patch = readPatch(jsonBody(req));
    return { status: 200, body: world.setSchedulingOptions(caller.org.id, patch) };
  });
}

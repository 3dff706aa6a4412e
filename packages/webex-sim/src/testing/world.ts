// White-box access to a simulator's world, for tests in this repository
// only: not published (see package.json `publishConfig.exports`), and not
// part of the public `Sim` type. Prefer `sim.control` where it says enough.
export { worldOf } from '../world/registry';
export type { World } from '../world/world';
export type { Meeting, Participant, Webhook, AccessToken, RefreshToken } from '../world/types';

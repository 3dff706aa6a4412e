/*
 * @g2g/meeting-hooks/testing: a scripted fake of the `webex` SDK for unit
 * tests and Storybook. A test double, not a substitute for real-SDK tests.
 */
export { createFakeWebex, FAKE_SELF_ID } from './fake-webex';
export type {
  FakeFailure,
  FakeMeeting,
  FakeMeetingScript,
  FakeParticipant,
  FakePhase,
  FakeScenario,
  FakeWebex,
} from './fake-webex';
export { FakeEmitter } from './emitter';
export {
  createSessionFixture,
  fixtureParticipant,
  fixturePane,
  failedWith,
  joinedState,
} from './fixture';
export type { SessionFixture, SessionFixtureInit } from './fixture';
export { stubMediaStream } from './jsdom';

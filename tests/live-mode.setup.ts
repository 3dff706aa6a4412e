// Vitest global setup: decides once per run whether the scenario tables go
// to real Webex (live mode) or to the simulator, and prints that in one line.
import type { TestProject } from 'vitest/node';
import { announceLiveMode } from '../packages/webex-sim/src/testing/live';

export default function setup(project: TestProject): void {
  project.provide('g2gLiveMode', announceLiveMode().mode);
}

// Every chromium test file runs behind the network guard
// (packages/webex-sim/src/testing/network-guard.ts): nothing leaves loopback.
// Requests and websockets to other hosts are aborted, never sent, and fail
// the test that made them, naming the URL; SDK-hard-coded URLs (listed by
// name in SDK_HARD_CODED_URLS) are aborted and only counted. Late traffic,
// after a file's last test, fails the file.
import { afterAll, afterEach } from 'vitest';
import { commands } from 'vitest/browser';
import type {} from '../packages/webex-sim/src/testing/peer'; // the commands' types

await commands.guardNetwork();
afterEach(() => commands.checkNetwork());
afterAll(() => commands.checkNetwork());

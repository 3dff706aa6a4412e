/*
 * webex@3's low-latency data channel (`webex.internal.llm`, a Mercury socket
 * per meeting) can outlive a quick leave. The meeting starts
 * `llm.registerAndConnect` after `join()` resolves, without waiting, and its
 * leave (`cleanupLLMConneciton`) disconnects only what is connected by then.
 * A leave inside that window leaves the socket open after the device is
 * deleted; when it later drops, Mercury's reconnect calls
 * `device.register()` (mercury.js `connect`: `device.registered ||
 * device.register()`), an uncaught POST that registers a new device for a
 * client that was disposed, or rejects unhandled once the network is gone.
 * Read in the shipped source: plugin-meetings 3.12 dist/meeting/index.js
 * (`join` → `updateLLMConnection`, `cleanupLLMConneciton`),
 * internal-plugin-mercury 3.12 dist/mercury.js (`connect`, `_onclose`).
 * webex@2.60.4 has no such plugin; then this does nothing.
 */
import type { SdkWebex } from './sdk-types';

/** Closes the SDK's data channels once every connect it started has settled. */
export interface DataChannelGuard {
  close(): Promise<void>;
}

// Mercury's "permanent" close: the SDK's own leave uses it, and it never reconnects.
const PERMANENT = { code: 3050, reason: 'done (permanent)' } as const;

/**
 * Tracks the data-channel connects the SDK starts on `webex`, so that
 * teardown can wait for them and then close every data channel: a socket
 * opened after the leave is closed too, before the device goes.
 */
export function guardDataChannel(webex: SdkWebex): DataChannelGuard {
  const llm = webex.internal?.llm;
  const pending = new Set<Promise<unknown>>();
  const original = llm?.registerAndConnect;
  if (llm && typeof original === 'function') {
    llm.registerAndConnect = (...args: unknown[]) => {
      const result = original.apply(llm, args);
      const settled: Promise<unknown> = Promise.resolve(result).then(
        (): unknown => pending.delete(settled),
        (): unknown => pending.delete(settled),
      );
      pending.add(settled);
      return result;
    };
  }
  return {
    async close() {
      if (!llm) return;
      await Promise.all([...pending]);
      const disconnect = llm.disconnectAllLLM ?? llm.disconnectLLM;
      await disconnect?.call(llm, PERMANENT);
    },
  };
}

/**
 * Makes an SDK instance that was torn down inert: its sockets never reconnect
 * and its device never registers again. Closing is not enough on webex@3.12:
 * Mercury's `_onclose` deletes the session's socket from its map even when an
 * older socket of the same session closes, so a data channel replaced while
 * it was opening stays open, unknown to `disconnectAllLLM` (seen against the
 * simulator: one of three data channels still open after every client had
 * been disposed). When such a socket drops, its reconnect would run
 * `device.register()`, uncaught.
 */
export function retire(webex: SdkWebex): void {
  const internal = webex.internal as
    Record<string, Record<string, unknown> | undefined> | undefined;
  const idle = () => Promise.resolve();
  for (const name of ['mercury', 'llm']) {
    const socketOwner = internal?.[name];
    if (socketOwner && typeof socketOwner._reconnect === 'function') socketOwner._reconnect = idle;
  }
  const device = internal?.device;
  if (device)
    for (const name of ['register', 'refresh'])
      if (typeof device[name] === 'function') device[name] = idle;
}

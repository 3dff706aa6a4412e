import { describe, expect, it, vi } from 'vitest';
import { guardDataChannel, retire } from './data-channel';
import type { SdkDataChannel, SdkWebex } from './sdk-types';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An `llm` like webex@3's: a connect opens a socket when it resolves, whoever left meanwhile. */
function sdkWith(llm: SdkDataChannel): SdkWebex {
  return { meetings: {} as SdkWebex['meetings'], internal: { llm } };
}

describe('guardDataChannel', () => {
  it('waits for a data-channel connect the SDK started, then closes it for good', async () => {
    const open = new Set<string>();
    const connecting = deferred();
    const llm: SdkDataChannel = {
      registerAndConnect: (locusUrl) =>
        connecting.promise.then(() => void open.add(String(locusUrl))),
      disconnectAllLLM: vi.fn(async () => open.clear()),
    };
    const guard = guardDataChannel(sdkWith(llm));
    // What the meeting does after join resolves, and does not wait for.
    void llm.registerAndConnect!('locus-1', 'dc-1', 'token');

    let closed = false;
    const closing = guard.close().then(() => (closed = true));
    await Promise.resolve();
    expect(closed).toBe(false); // still opening: closing now would miss it

    connecting.resolve();
    await closing;
    expect(llm.disconnectAllLLM).toHaveBeenCalledWith({ code: 3050, reason: 'done (permanent)' });
    expect(open.size).toBe(0);
  });

  it('a failed connect does not stop the close, and the SDK still sees its rejection', async () => {
    const failing = deferred();
    const llm: SdkDataChannel = {
      registerAndConnect: () => failing.promise,
      disconnectAllLLM: vi.fn(async () => undefined),
    };
    const guard = guardDataChannel(sdkWith(llm));
    const seenBySdk = llm.registerAndConnect!('locus-1') as Promise<void>;
    failing.reject(new Error('datachannel 503'));
    await expect(seenBySdk).rejects.toThrow('datachannel 503');
    await guard.close();
    expect(llm.disconnectAllLLM).toHaveBeenCalledOnce();
  });

  it('falls back to disconnectLLM, and does nothing without a data channel (webex@2.60.4)', async () => {
    const llm: SdkDataChannel = { disconnectLLM: vi.fn(async () => undefined) };
    await guardDataChannel(sdkWith(llm)).close();
    expect(llm.disconnectLLM).toHaveBeenCalledOnce();
    await expect(guardDataChannel({ meetings: {} as SdkWebex['meetings'] }).close()).resolves.toBe(
      undefined,
    );
  });
});

describe('retire', () => {
  it('leaves a torn-down SDK unable to reconnect a socket or register a device', async () => {
    const calls: string[] = [];
    const record = (name: string) => () => {
      calls.push(name);
      return Promise.reject(new Error(`${name}: network gone`));
    };
    const internal = {
      mercury: { _reconnect: record('mercury reconnect') },
      llm: { _reconnect: record('llm reconnect') },
      device: { register: record('POST devices'), refresh: record('PUT device') },
    };
    const webex = { meetings: {} as SdkWebex['meetings'], internal } as unknown as SdkWebex;
    retire(webex);
    // What an orphaned socket's close handler and Mercury's connect would call.
    await internal.llm._reconnect();
    await internal.mercury._reconnect();
    await internal.device.register();
    await internal.device.refresh();
    expect(calls).toEqual([]);
  });
});

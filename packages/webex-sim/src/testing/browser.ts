// Browser side: `const sim = await startBrowserSim()` in a *.browser.test.ts
// gives a fresh simulator on loopback and a control client for it.
import { commands } from 'vitest/browser';
import { createSimClient, type SimClient } from '../client';
import type { StartSimOptions } from '../index';

declare module 'vitest/browser' {
  interface BrowserCommands {
    startSim: (options?: Omit<StartSimOptions, 'host'>) => Promise<{ url: string }>;
    stopSim: (url: string) => Promise<void>;
  }
}

export interface BrowserSim extends SimClient {
  close(): Promise<void>;
}

export async function startBrowserSim(
  options: Omit<StartSimOptions, 'host'> = {},
): Promise<BrowserSim> {
  const { url } = await commands.startSim(options);
  return { ...createSimClient(url), close: () => commands.stopSim(url) };
}

import type * as EngineModule from './engine';

let engine: Promise<typeof EngineModule> | undefined;

/** The engine chunk (the code that drives the SDK), loaded once; a failed load may be retried. */
export const loadEngine = (): Promise<typeof EngineModule> =>
  (engine ??= import('./engine').catch((error: unknown) => {
    engine = undefined;
    throw error;
  }));

/**
 * Starts downloading and evaluating the default SDK (`webex/meetings`) and the
 * code that drives it, so a later connect does not wait for them. Call it
 * when the page is idle, or when a person shows intent (hovering or focusing
 * a "Join" link). Idempotent and safe to call on a server (it does nothing
 * there). Resolves once both have loaded; never rejects (a failed load is
 * tried again by the next connect).
 *
 * Clients created with their own `sdk` load that instead; preloading then
 * only fetches the engine.
 * @public
 */
export function preloadMeetingSdk(): Promise<void> {
  if (typeof window === 'undefined') return Promise.resolve();
  return loadEngine()
    .then((e) => e.loadDefaultSdk())
    .then(
      () => undefined,
      () => undefined,
    );
}

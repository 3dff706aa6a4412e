/*
 * Everything that drives the SDK, in one lazily loaded chunk: it is useless
 * before the SDK loads, so it loads with it and stays out of the main bundle.
 */
export { createClientEngine, loadDefaultSdk } from './connect';
export { createSessionEngine } from './flow';

/*
 * @g2g/webex-spec/rest: the Webex REST shapes the project uses, written from
 * the public OpenAPI spec (webex/webex-openapi-specs). The simulator checks
 * its answers against these schemas and @g2g/service-app parses Webex's
 * answers with them, so a wrong shape fails a test on both sides.
 *
 * Node and browsers alike; this entry (not the package's main one) depends
 * on zod.
 */
export * from './common';
export * from './meetings';
export * from './preferences';
export * from './identity';
export * from './spaces';
export * from './webhooks';
export * from './instant-connect';
export * from './endpoints';
export * from './check';

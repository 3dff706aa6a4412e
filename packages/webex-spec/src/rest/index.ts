/*
 * @g2g/webex-spec/rest: the Webex REST shapes the project uses, written from
 * the public OpenAPI spec (webex/webex-openapi-specs). The simulator's
 * responses and @g2g/service-app's parsing both use these schemas.
 */
export {};

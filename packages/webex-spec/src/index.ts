/*
 * @g2g/webex-spec: what Webex is, written once and browser-safe. The
 * simulator, the hooks, the widget wrapper, service-app, the backend and the
 * scripted fake all import their Webex facts from here, so a rule changed
 * here changes everywhere. REST shapes live in `@g2g/webex-spec/rest`.
 */
export {};

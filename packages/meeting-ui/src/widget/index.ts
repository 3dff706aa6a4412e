/*
 * @g2g/meeting-ui/widget: the stock Webex meetings widget behind a wrapper
 * that adds what it lacks. Its own entry, so apps that use only the join UI
 * never bundle it; the widget itself loads lazily on first render.
 */
export { WebexMeetingWidget } from './WebexMeetingWidget';
export type { WebexMeetingWidgetProps } from './WebexMeetingWidget';
export { readWidgetState, observeWidgetState } from './dom-states';
export type { WidgetState } from './dom-states';
export type { WidgetLayout } from './layout';
export type { WidgetDiscovery } from './discovery';

import type { ServiceDiscovery } from '@g2g/webex-spec';

/**
 * Where the widget's SDK finds Webex's services: the U2C catalog and Hydra
 * of a {@link ServiceDiscovery} (webex@2.60.4 has no region lookup to point
 * anywhere). `discoveryFor(origin)` of `@g2g/webex-spec` gives a local
 * cloud's, such as the simulator's. Without it the SDK uses Webex's own.
 * @public
 */
export type WidgetDiscovery = Pick<ServiceDiscovery, 'u2c' | 'hydra'>;

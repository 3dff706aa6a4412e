// Programs that compile this source through the `@g2g/source` condition (the
// apps, Storybook, tests) do not include this package's ambient files.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- see above
/// <reference path="./webex-widgets.d.ts" />
/*
 * The only module that imports @webex/widgets and its SDK's core: loaded
 * through React.lazy, so the widget, its SDK (webex@2.60.4) and its
 * stylesheet arrive on first use.
 */
import { WebexMeetingsWidget, type StockMeetingsWidgetProps } from '@webex/widgets';
import { config as webexCoreDefaults } from '@webex/webex-core';
import '@webex/widgets/dist/css/webex-widgets.css';
import type { WidgetDiscovery } from './discovery';

/**
 * Points the widget's SDK at `discovery`. The widget builds its SDK with
 * `new Webex({config})` and a config of its own (no services), so the SDK
 * reads discovery from webex-core's shared defaults, which it merges into
 * every new instance. Those defaults come from `process.env` when the module
 * loads, which a production build compiles away (Vite turns `process.env`
 * into `{}`; webpack 5 has no `process` at all): setting the defaults
 * themselves works in every build, at run time, before each SDK is made.
 */
function applyDiscovery(discovery: WidgetDiscovery) {
  const { services, device } = webexCoreDefaults;
  services.discovery.u2c = discovery.u2c;
  services.discovery.hydra = discovery.hydra;
  device.preDiscoveryServices.hydra = discovery.hydra;
  device.preDiscoveryServices.hydraServiceUrl = discovery.hydra;
}

/** The stock widget, with its SDK pointed at `discovery` first when one is given. */
export default function StockWidget({
  discovery,
  ...props
}: StockMeetingsWidgetProps & { discovery?: WidgetDiscovery }) {
  // During render, before the widget's own constructor makes its SDK: the
  // assignment is idempotent, so StrictMode's double render is harmless.
  if (discovery) applyDiscovery(discovery);
  return <WebexMeetingsWidget {...props} />;
}

// Programs that compile this source through the `@g2g/source` condition (the
// apps, Storybook, tests) do not include this package's ambient files.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- see above
/// <reference path="./webex-widgets.d.ts" />
/*
 * The only module that imports @webex/widgets: loaded through React.lazy, so
 * the widget, its SDK (webex@2.60.4) and its stylesheet arrive on first use.
 */
import { WebexMeetingsWidget } from '@webex/widgets';
import '@webex/widgets/dist/css/webex-widgets.css';

export default WebexMeetingsWidget;

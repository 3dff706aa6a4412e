import { discoveryFor } from '@g2g/webex-spec';

// In sim mode the SDK is pointed at the local simulator; with real Webex
// credentials VITE_G2G_SIM_URL is unset and the SDK uses its defaults.
const simUrl: string | undefined = import.meta.env.VITE_G2G_SIM_URL || undefined;

export const discovery = simUrl ? discoveryFor(simUrl) : undefined;

/** Meeting links the simulator hands out look like Webex ones; nothing else differs. */
export const isSimulated = simUrl !== undefined;

import type { WorldContext } from './context';
import type { Device } from './types';

/** WDM devices: registered by the SDK, addressed by url (Locus) or id (Mercury). */
export class Devices {
  private readonly byUrl = new Map<string, Device>();
  private readonly byId = new Map<string, Device>();

  constructor(private readonly ctx: WorldContext) {}

  clear(): void {
    this.byUrl.clear();
    this.byId.clear();
  }

  register(input: {
    baseUrl: string;
    webSocketUrl: (id: string) => string;
    personId: string;
    orgId: string;
  }): Device {
    const id = this.ctx.ids.uuid();
    const device: Device = {
      id,
      url: `${input.baseUrl}/wdm/api/v1/devices/${id}`,
      webSocketUrl: input.webSocketUrl(id),
      personId: input.personId,
      orgId: input.orgId,
      created: this.ctx.now(),
    };
    this.byUrl.set(device.url, device);
    this.byId.set(device.id, device);
    return device;
  }

  byDeviceUrl(url: string): Device | undefined {
    return this.byUrl.get(url);
  }

  byDeviceId(id: string): Device | undefined {
    return this.byId.get(id);
  }

  delete(device: Device): void {
    this.byUrl.delete(device.url);
    this.byId.delete(device.id);
  }
}

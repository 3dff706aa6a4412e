import type { ClientLogUpload } from './types';

/** Client-log uploads kept for tests to read: the newest ones. */
const KEPT = 200;

/** The SDKs' client-log uploads (on leave), newest {@link KEPT}, oldest first. */
export class ClientLogs {
  private uploads: ClientLogUpload[] = [];

  clear(): void {
    this.uploads = [];
  }

  remember(upload: ClientLogUpload): void {
    this.uploads.push(upload);
    if (this.uploads.length > KEPT) this.uploads.splice(0, this.uploads.length - KEPT);
  }

  find(predicate: (u: ClientLogUpload) => boolean): ClientLogUpload | undefined {
    return this.uploads.find(predicate);
  }

  /** Copies, oldest first. */
  list(): ClientLogUpload[] {
    return this.uploads.map((u) => ({ ...u }));
  }
}

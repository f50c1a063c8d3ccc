import type { OrgKeyApi } from '../shared/api';

declare global {
  interface Window {
    /** The app's API, exposed by preload (Electron) or bound by the browser host. Nothing else crosses. */
    orgkey: OrgKeyApi;
  }
}

export {};

// The Electron fuses every packaged OrgKey build gets (https://www.electronjs.org/docs/latest/tutorial/fuses).
// Fuses are flipped in the binary itself, so they hold even if someone edits the app's JavaScript.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

export const FUSES = {
  version: FuseVersion.V1,
  // Re-sign ad hoc on macOS after flipping, so an unsigned local build still starts.
  resetAdHocDarwinSignature: process.platform === 'darwin',
  // Every fuse must be given a value: a fuse added in a later Electron fails the build until decided.
  strictlyRequireAllFuses: true,
  // The binary can never be used as a plain Node.js (ELECTRON_RUN_AS_NODE) to read the keychain.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and other Chromium storage are encrypted with an OS-protected key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect cannot inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app's code comes only from app.asar, and app.asar must match the hash embedded at packaging.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // file:// gets no privileges beyond a normal web page; the UI is served from app:// anyway.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/**
 * The X11 clipboard owner as the app starts it: an Electron utility process (bundled to
 * dist/electron/x11-clipboard-owner.cjs). The request is the app's first message; see x11-owner.ts.
 */
import { runOwnerOverParentPort } from './x11-owner';

type Port = Parameters<typeof runOwnerOverParentPort>[0];
const port = (process as unknown as { parentPort?: Port }).parentPort;
if (!port) throw new Error('[clipboard] the X11 owner runs only as an Electron utility process');
void runOwnerOverParentPort(port).then((code) => process.exit(code));

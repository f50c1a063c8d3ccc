/**
 * The Electron app's entry point (package.json "main"): start it, and leave if that fails.
 * Everything else is in app.ts, which a unit test runs against a stand-in for Electron.
 */
import { app } from 'electron';
import { startApp } from './app';

startApp({ env: process.env, platform: process.platform }).catch((error: unknown) => {
  // app.ts has logged it to orgkey.log when it got that far; this is for a start from a terminal.
  console.error(`[main] start failed: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
});

/**
 * The `orgkey` executable (bundled to dist/cli/orgkey.js by scripts/build-cli.mjs).
 */
import { X11_OWNER_ARGUMENT } from './clipboard';
import { main } from './main';
import { nodeIo } from './terminal';

// A reader that stops early (`orgkey list | head`) closes the pipe: that ends the output, it is not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// `orgkey copy` on X11 starts this program again as the clipboard's owner (see x11-owner.ts).
const code =
  process.argv[2] === X11_OWNER_ARGUMENT
    ? await (await import('../electron/platform/clipboard/x11-owner')).runOwnerOverStdio()
    : await main(process.argv.slice(2), nodeIo());

// Exit once stdout and stderr have flushed (pipes are asynchronous on macOS and Windows), without
// waiting for idle keep-alive sockets from a login to time out.
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);

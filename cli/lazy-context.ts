/**
 * The context, with the core behind it, as main loads it: only once a command is about to run.
 *
 * It is its own chunk of the bundle (scripts/build-cli.mjs splits at this dynamic import), so
 * `orgkey --help`, `--version` and usage errors never load the core, zod or the Data Loader code.
 */
import './zod-jitless'; // first: it must run before the settings schema is built
export { createContext } from './context';

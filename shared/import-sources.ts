/**
 * The importers' sources and token boundaries as plain values: `orgkey` reads them to parse its
 * command line, and importing shared/imports.ts (its zod schemas) there would load zod at every
 * start, `--version` included.
 */
export const IMPORT_SOURCES = ['dataloader', 'organizer', 'sf', 'csv'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/**
 * Where a glued Data Loader value splits into password and token: a security token is 25 characters
 * long (24 for some older ones), and 0 means the value is the password alone (an org that trusts the
 * admin's IP address or uses a login IP range needs no token).
 */
export const TOKEN_LENGTHS = [25, 24, 0] as const;
export type TokenLength = (typeof TOKEN_LENGTHS)[number];
export const DEFAULT_TOKEN_LENGTH: TokenLength = 25;

/** How long a preview's rows (and the secrets read with them) stay in memory, waiting for apply. */
export const PREVIEW_TTL_MINUTES = 30;


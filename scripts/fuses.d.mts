import type { FuseV1Config } from '@electron/fuses';
/** The fuses flipped in every packaged build. */
export const FUSES: FuseV1Config<boolean>;

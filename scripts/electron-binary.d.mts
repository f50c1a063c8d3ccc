/** The Electron executable's path if it is installed, else null. */
export function electronBinaryPath(): string | null;
export const electronInstallScript: string;

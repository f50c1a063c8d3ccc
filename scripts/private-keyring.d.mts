export function needsPrivateKeyring(): boolean;
export function runInPrivateKeyring(script: string, args: string[], cwd: string): number;

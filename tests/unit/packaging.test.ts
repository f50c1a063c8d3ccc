/**
 * What a packaged build is made of: the entry point Electron loads exists where the build writes it,
 * and the binary's fuses close the doors the Electron security checklist names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { FUSES } from '../../scripts/fuses.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };

describe('packaging', () => {
  it('package.json "main" is the file the Electron build writes', () => {
    const buildScript = fs.readFileSync(path.join(root, 'scripts', 'build-electron.mjs'), 'utf8');
    const outfiles = [...buildScript.matchAll(/outfile: '([^']+)'/g)].map((m) => m[1]);
    expect(outfiles).toContain(pkg.main);
    expect(pkg.scripts.package).toBe('node scripts/package.mjs');
  });

  it('turns off running as Node, NODE_OPTIONS and --inspect, and loads the app only from an integrity-checked asar', () => {
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('decides every fuse this Electron knows, so a new one cannot slip through unset', () => {
    const known = Object.values(FuseV1Options).filter((value): value is number => typeof value === 'number');
    for (const fuse of known) expect(typeof FUSES[fuse as FuseV1Options], FuseV1Options[fuse]).toBe('boolean');
    expect(FUSES.strictlyRequireAllFuses).toBe(true);
  });
});

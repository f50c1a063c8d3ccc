/**
 * `orgkey cert`: a JWT org's certificate on stdout or in a file, and a rotation's new certificate
 * with the steps to finish it, on the real keychain and settings file the app shares. The private
 * key never appears in the output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { bootRealCore } from '../../support/core';
import { runCli, useCliSuite, type CliEnv, type CliSuite } from '../../support/cli';
import { PROD_ADMIN } from '../../support/fake-org';
import { keychainEntries } from '../../support/keychain';

const suite = useCliSuite('cli-cert');
let fake: CliSuite['fake'];
let target: CliEnv;
beforeEach(() => ({ fake, target } = suite));

/** A JWT org added as the app adds one (the CLI's own `add --jwt` is tested with the add command). */
async function addJwtOrg() {
  const core = bootRealCore(target.dataDir, target.service);
  const { org } = await core.orgs.add({ alias: 'Integration', environment: 'custom', customUrl: fake.org.loginUrl, auth: 'jwt', username: PROD_ADMIN, password: '', clientId: '3MVG9AcmeJwtTestKey0wJ5qL8xZ1nR4tY7uI0oP3aS6dF9gH2jK5lZ8xC1vB4nM7qW0eR3tY6uI9oP2aS5d' });
  return { core, id: org.id };
}

const privateKeys = async () => (await keychainEntries(target.service)).filter((entry) => /Key$/.test(entry.account)).map((entry) => entry.password);

describe('orgkey cert', () => {
  it('prints the certificate as PEM, its expiry and fingerprint on stderr, and writes it to a file with --out', async () => {
    const { core, id } = await addJwtOrg();
    const { current } = core.certificates.get(id);
    const printed = await runCli(target, ['cert', 'Integration']);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toBe(current!.pem);
    expect(printed.stderr).toContain(`Certificate: CN=OrgKey Integration, expires `);
    expect(printed.stderr).toContain(current!.info.fingerprint);

    const file = path.join(target.dataDir, 'integration.crt');
    const written = await runCli(target, ['cert', 'Integration', '--out', file]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toBe('');
    expect(fs.readFileSync(file, 'utf8')).toBe(current!.pem);
    // An existing file is replaced only when confirmed.
    const again = await runCli(target, ['cert', 'Integration', '--out', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('CONFIRMATION_NEEDED');
    expect((await runCli(target, ['cert', 'Integration', '--out', file, '--yes'])).code).toBe(0);
    const shown = await runCli(target, ['show', 'Integration']);
    expect(shown.stdout).toMatch(new RegExp(`certificate +expires .+, SHA-256 ${current!.info.fingerprint}`));
  });

  it('--rotate makes a new key and prints the new certificate with the steps; --rotate again shows the same one; --cancel-rotation drops it', async () => {
    const { core, id } = await addJwtOrg();
    const first = core.certificates.get(id).current!;
    const rotated = await runCli(target, ['cert', 'Integration', '--rotate', '--json']);
    expect(rotated.code, rotated.stderr).toBe(0);
    const answer = JSON.parse(rotated.stdout) as { pem: string; fingerprint: string; rotation: boolean; which: string };
    expect(answer).toMatchObject({ rotation: true, which: 'pending' });
    expect(answer.fingerprint).not.toBe(first.info.fingerprint);
    expect(rotated.stderr).toContain('Upload this certificate to the External Client App in place of the old one');
    expect(rotated.stderr).toContain('orgkey test Integration');
    expect(core.certificates.get(id)).toEqual({ current: first, pending: { pem: answer.pem, info: expect.objectContaining({ fingerprint: answer.fingerprint }) } });
    expect(await privateKeys()).toHaveLength(2);

    const again = await runCli(target, ['cert', 'Integration', '--rotate', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ fingerprint: answer.fingerprint });
    expect(again.stderr).toContain('already under way');
    const plain = await runCli(target, ['cert', 'Integration']);
    expect(plain.stdout).toBe(first.pem);
    expect(plain.stderr).toContain('a key rotation is under way');

    const cancelled = await runCli(target, ['cert', 'Integration', '--cancel-rotation']);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(core.certificates.get(id).pending).toBeNull();
    expect(await privateKeys()).toHaveLength(1);

    for (const output of [rotated, again, plain, cancelled].flatMap((result) => [result.stdout, result.stderr])) {
      expect(output).not.toContain('PRIVATE KEY');
      for (const key of await privateKeys()) expect(output).not.toContain(key.split('\n')[1]);
    }
  });

  it('refuses an org that does not log in with a certificate', async () => {
    const core = bootRealCore(target.dataDir, target.service);
    await core.orgs.add({ alias: 'Prod', environment: 'production', username: PROD_ADMIN, password: 'pw-secret-1', token: '' });
    const result = await runCli(target, ['cert', 'Prod']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^orgkey: NOT_JWT_LOGIN: /m);
  });
});

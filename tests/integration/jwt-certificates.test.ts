/**
 * A JWT org's certificate and key rotation on real parts: the OS keychain, a settings file, real
 * jsforce and the fake org, whose External Client App holds one certificate and checks the RS256
 * signature against it, as Salesforce does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { keychainEntries } from '../support/keychain';
import { PROD_ADMIN } from '../support/fake-org';
import { useCoreSuite, type CoreSuite } from '../support/core';

const suite = useCoreSuite('jwt-certificates');
let s: CoreSuite;
beforeEach(() => void (s = suite));

const ecaClientId = () => {
  const { orgId } = s.fake.org.state.user(PROD_ADMIN);
  return s.fake.org.state.snapshot().orgs.find((org) => org.id === orgId)!.externalClientApps[0]!.clientId;
};

async function addJwtOrg() {
  const clientId = ecaClientId();
  const { org } = await s.core.orgs.add({ alias: 'Integration', environment: 'custom', customUrl: s.fake.org.loginUrl, auth: 'jwt', username: PROD_ADMIN, password: '', clientId });
  return { id: org.id, clientId, upload: (pem: string) => s.control.patchApp(clientId, { certificate: pem, preAuthorizedUsers: [PROD_ADMIN] }) };
}

const keyEntries = async () => Object.fromEntries((await keychainEntries(s.service)).filter((entry) => /^org:[^:]+:/.test(entry.account)).map((entry) => [entry.account.split(':').at(-1)!, entry.password]));

describe('a JWT org’s certificate against the fake org', () => {
  it('is made when the org is added, logs in once uploaded to the app, and rotates without breaking the old key before the new one is proved', async () => {
    const { id, upload } = await addJwtOrg();
    const { current, pending } = s.core.certificates.get(id);
    expect(pending).toBeNull();
    expect(current!.pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const firstKey = (await keyEntries()).privateKey!;
    expect(firstKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    expect((await s.core.tester.test(id)).ok).toBe(false); // no certificate in the app yet
    await upload(current!.pem);
    expect(await s.core.tester.test(id)).toMatchObject({ ok: true, via: 'jwt', warnings: [] });

    const rotation = await s.core.certificates.rotate(id);
    expect((await keyEntries()).pendingPrivateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    // Not uploaded yet: the old key still works, and stays.
    expect(await s.core.tester.test(id)).toMatchObject({ ok: true, warnings: [] });
    expect((await keyEntries()).privateKey).toBe(firstKey);

    // Uploaded: the app holds only the new certificate; the first test proves and promotes it.
    await upload(rotation.pending!.pem);
    const proved = await s.core.tester.test(id);
    expect(proved).toMatchObject({ ok: true, warnings: [{ code: 'CERTIFICATE_ROTATED' }] });
    const after = await keyEntries();
    expect(after.pendingPrivateKey).toBeUndefined();
    expect(after.privateKey).not.toBe(firstKey);
    expect(Object.values(after)).not.toContain(firstKey);
    expect(s.core.certificates.get(id)).toEqual({ current: rotation.pending, pending: null });
    expect((await s.core.orgs.get(id)).certificate).toEqual(rotation.pending!.info);
    expect(await s.core.tester.test(id)).toMatchObject({ ok: true, warnings: [] });
  });

  it('keeps the old key when the test fails with neither certificate in the app, and cancelling drops only the new key', async () => {
    const { id, upload } = await addJwtOrg();
    const { current } = s.core.certificates.get(id);
    await upload(current!.pem);
    const firstKey = (await keyEntries()).privateKey;
    await s.core.certificates.rotate(id);
    await s.control.patchApp(ecaClientId(), { certificate: null });
    const failed = await s.core.tester.test(id);
    expect(failed.ok).toBe(false);
    expect(failed.failure!.hints.join(' ')).toContain('new certificate of the rotation under way was tried too');
    expect((await keyEntries()).privateKey).toBe(firstKey);
    await s.core.certificates.cancelRotation(id);
    expect(Object.keys(await keyEntries()).sort()).toEqual(['privateKey']);
    await upload(current!.pem);
    expect((await s.core.tester.test(id)).ok).toBe(true);
  });

  it('never writes a private key to the settings file, the log or an answer, and saves the certificate as a .crt file', async () => {
    const { id, upload } = await addJwtOrg();
    const certificates = s.core.certificates.get(id);
    await upload(certificates.current!.pem);
    const rotation = await s.core.certificates.rotate(id);
    await upload(rotation.pending!.pem);
    const outcome = await s.core.tester.test(id);
    const file = path.join(s.dir, 'Integration.crt');
    await s.core.certificates.save(id, { path: file, which: 'current' });
    expect(fs.readFileSync(file, 'utf8')).toBe(rotation.pending!.pem);

    const keys = (await keychainEntries(s.service)).map((entry) => entry.password);
    const answers = JSON.stringify([certificates, rotation, outcome, s.core.orgs.list(), await s.core.orgs.get(id)]);
    // Every file in the data folder, the per-org ones (the check history) included.
    const files = (fs.readdirSync(s.dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
    expect(files.length).toBeGreaterThan(2);
    for (const text of [answers, ...files]) {
      expect(text).not.toContain('PRIVATE KEY');
      for (const key of keys) expect(text).not.toContain(key.split('\n')[1]);
    }
  });
});

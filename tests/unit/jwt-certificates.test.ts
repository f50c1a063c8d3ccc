/**
 * JWT orgs' keys and certificates: the certificate OrgKey makes is a valid self-signed X.509 for its
 * key, the key goes to the keychain only, and a rotation never breaks the key in use until a login
 * signed with the new key proves the app holds the new certificate.
 *
 * Salesforce is the scripted gateway, answering like an app that holds one certificate: a login
 * works when the assertion's RS256 signature verifies with that certificate's public key.
 */
import { createHash, createPrivateKey, verify, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { certificateNotice, certificateStanding } from '../../shared/certificates';
import { signJwtAssertion } from '../../electron/core/connection/jwt-assertion';
import { CERTIFICATE_VALIDITY_DAYS, commonNameFor, createSigningKey, makeCertificate } from '../../electron/core/jwt/certificate';
import { accountFor } from '../../electron/core/secrets/accounts';
import type { LoginRequest } from '../../electron/core/ports';
import { memorySecrets } from '../support/memory';
import { scriptedCore, START } from '../support/scripted-core';
import { fails, succeeds, type Script } from '../support/scripted-gateway';
import { storeSecret } from '../support/org-secrets';

const PEM_KEY = /^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/;

describe('the certificate OrgKey makes', () => {
  it('is a self-signed X.509 certificate for its RSA 2048 key, SHA256withRSA, CN=OrgKey <alias>, valid two years', async () => {
    const made = await makeCertificate('Production', START);
    const certificate = new X509Certificate(made.certificatePem);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.checkPrivateKey(createPrivateKey(made.privateKeyPem))).toBe(true);
    expect(certificate.subject).toBe('CN=OrgKey Production');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.ca).toBe(false);
    expect(certificate.publicKey.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048 });
    expect(new x509.X509Certificate(made.certificatePem).signatureAlgorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
    expect(Date.parse(certificate.validFrom)).toBeLessThanOrEqual(START.getTime());
    expect(Date.parse(certificate.validTo)).toBe(START.getTime() + CERTIFICATE_VALIDITY_DAYS * 86_400_000);
    expect(made.privateKeyPem).toMatch(PEM_KEY);
  });

  it('describes itself as Salesforce shows a certificate: expiry, SHA-256 fingerprint in colon hex, subject', async () => {
    const made = await makeCertificate('Production', START);
    const certificate = new X509Certificate(made.certificatePem);
    expect(made.info).toEqual({ notAfter: new Date(certificate.validTo).toISOString(), fingerprint: certificate.fingerprint256, subject: 'CN=OrgKey Production' });
    expect(made.info.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(made.info.fingerprint.replaceAll(':', '').toLowerCase()).toBe(createHash('sha256').update(certificate.raw).digest('hex'));
  });

  it('signs assertions that verify with the certificate’s public key, and only its own', async () => {
    const [made, other] = await Promise.all([makeCertificate('Production', START), makeCertificate('Other', START)]);
    const assertion = signJwtAssertion(made.privateKeyPem, { iss: 'key', sub: 'admin@acme.com', aud: 'https://login.salesforce.com', exp: 1 });
    const [header, claims, signature] = assertion.split('.');
    const check = (pem: string) => verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), new X509Certificate(pem).publicKey, Buffer.from(signature!, 'base64url'));
    expect(check(made.certificatePem)).toBe(true);
    expect(check(other.certificatePem)).toBe(false);
  });

  it('keeps an alias with commas and equals signs as one common name, cut to X.509’s 64 characters', async () => {
    const made = await makeCertificate('Acme, Inc. = UAT', START);
    expect(new x509.X509Certificate(made.certificatePem).subjectName.getField('CN')).toEqual(['OrgKey Acme, Inc. = UAT']);
    expect(commonNameFor('x'.repeat(80))).toHaveLength(64);
  });

  it('writes the private key to the keychain only (pending during a rotation) and hands back the public parts', async () => {
    const secrets = memorySecrets();
    const made = await createSigningKey({ secrets, clock: { now: () => START } }, 'org-1', 'Prod');
    expect([...secrets.entries.keys()]).toEqual(['org:org-1:privateKey']);
    expect(secrets.entries.get('org:org-1:privateKey')).toMatch(PEM_KEY);
    expect(JSON.stringify(made)).not.toContain('PRIVATE KEY');
    expect(made.account).toBe('org:org-1:privateKey');
    const pending = await createSigningKey({ secrets, clock: { now: () => START } }, 'org-1', 'Prod', { pending: true });
    expect(pending.account).toBe('org:org-1:pendingPrivateKey');
    expect(new X509Certificate(pending.certificatePem).checkPrivateKey(createPrivateKey(secrets.entries.get(pending.account)!))).toBe(true);
  });
});

describe('the 30-day expiry notice', () => {
  const info = { notAfter: '2027-01-31T12:00:00.000Z' };
  it('says nothing while more than 30 days are left, warns within 30 days and after expiry', () => {
    expect(certificateNotice(info, new Date('2026-12-31T11:00:00Z'))).toBeNull();
    expect(certificateStanding(info, new Date('2027-01-01T12:00:01Z'))).toMatchObject({ state: 'expiring', daysLeft: 30, expiresLabel: '31 Jan 2027' });
    expect(certificateNotice(info, new Date('2027-01-21T12:00:00Z'))).toMatchObject({ code: 'CERTIFICATE_EXPIRING', message: expect.stringContaining('31 Jan 2027 (in 10 days)') });
    expect(certificateNotice(info, new Date('2027-02-01T00:00:00Z'))).toMatchObject({ code: 'CERTIFICATE_EXPIRED', message: expect.stringContaining('orgkey cert --rotate') });
    expect(certificateStanding(info, new Date('2027-03-01T00:00:00Z')).daysLeft).toBe(0);
  });
});

/** An External Client App holding one certificate: a login works when the assertion verifies with it. */
function appHolding(held: { pem: string | null }): Script {
  return (request: LoginRequest) => {
    const [header, claims, signature] = request.jwt!.assertion.split('.');
    const good = !!held.pem && verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), new X509Certificate(held.pem).publicKey, Buffer.from(signature!, 'base64url'));
    return good ? succeeds({ via: 'jwt' }) : fails('OAUTH_INVALID_GRANT', { salesforceCode: 'invalid_grant', httpStatus: 400 });
  };
}

/** A core with one JWT org whose key and certificate OrgKey made, and the app that holds a certificate. */
async function jwtOrg() {
  const app = { pem: null as string | null };
  const scripted = await scriptedCore(Array.from({ length: 20 }, () => appHolding(app)), { record: { auth: 'jwt', clientId: '3MVG9jwtKey' } });
  const made = await createSigningKey({ secrets: scripted.secrets, clock: { now: () => START } }, scripted.id, 'Prod');
  scripted.settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, certificate: made.info, certificatePem: made.certificatePem })) }));
  const key = (kind: 'privateKey' | 'pendingPrivateKey') => scripted.secrets.get(accountFor(scripted.id, kind));
  return { ...scripted, app, first: made, key };
}

describe('rotating a JWT org’s key', () => {
  it('keeps the old key in use until a login with the new one works, then promotes it and deletes the old one', async () => {
    const { core, id, app, first, key, record, gateway } = await jwtOrg();
    app.pem = first.certificatePem;
    expect((await core.tester.test(id)).ok).toBe(true);
    const oldKey = await key('privateKey');

    const rotation = await core.certificates.rotate(id);
    expect(rotation).toMatchObject({ created: true, current: { pem: first.certificatePem, info: first.info } });
    expect(rotation.pending!.info.fingerprint).not.toBe(first.info.fingerprint);
    expect(await key('pendingPrivateKey')).toMatch(PEM_KEY);
    // Asked again, the rotation under way is answered, not replaced: its certificate may be uploaded already.
    expect(await core.certificates.rotate(id)).toMatchObject({ created: false, pending: rotation.pending });

    // Not uploaded yet: the old key goes on working, with one login, and nothing changes.
    const before = gateway.checks.length;
    const stillOld = await core.tester.test(id);
    expect(stillOld).toMatchObject({ ok: true, warnings: [] });
    expect(gateway.checks.length - before).toBe(1);
    expect(await key('privateKey')).toBe(oldKey);
    expect(record().pendingCertificate).toEqual(rotation.pending!.info);

    // The admin uploads the new certificate (the app holds one): the old key is refused, the new one works.
    app.pem = rotation.pending!.pem;
    const proved = await core.tester.test(id);
    expect(proved.ok).toBe(true);
    expect(proved.warnings.map((w) => w.code)).toEqual(['CERTIFICATE_ROTATED']);
    expect(record()).toMatchObject({ certificate: rotation.pending!.info, certificatePem: rotation.pending!.pem });
    expect(record().pendingCertificate).toBeUndefined();
    expect(record().pendingCertificatePem).toBeUndefined();
    expect(await key('pendingPrivateKey')).toBeNull();
    const newKey = await key('privateKey');
    expect(newKey).not.toBe(oldKey);
    expect(new X509Certificate(rotation.pending!.pem).checkPrivateKey(createPrivateKey(newKey!))).toBe(true);
    expect(core.certificates.get(id)).toEqual({ current: rotation.pending, pending: null });
    // From now on the new key signs first: one login.
    const after = gateway.checks.length;
    expect((await core.tester.test(id)).warnings).toEqual([]);
    expect(gateway.checks.length - after).toBe(1);
  });

  it('leaves the old key in use when the new certificate does not work either, and says the new one was tried', async () => {
    const { core, id, app, key } = await jwtOrg();
    const oldKey = await key('privateKey');
    const rotation = await core.certificates.rotate(id);
    app.pem = null; // another certificate altogether in the app
    const outcome = await core.tester.test(id);
    expect(outcome.ok).toBe(false);
    expect(outcome.failure!.hints.join(' ')).toContain('new certificate of the rotation under way was tried too');
    expect(await key('privateKey')).toBe(oldKey);
    expect(core.certificates.get(id).pending).toEqual(rotation.pending);
  });

  it('does not try the new key when the old one never reached Salesforce (network)', async () => {
    const { core, id, gateway } = await jwtOrgWith([fails('HOST_NOT_FOUND')]);
    await core.certificates.rotate(id);
    expect((await core.tester.test(id)).failure!.code).toBe('HOST_NOT_FOUND');
    expect(gateway.checks).toHaveLength(1);
  });

  it('cancelling drops the new key and certificate and leaves the current ones', async () => {
    const { core, id, first, key } = await jwtOrg();
    const oldKey = await key('privateKey');
    await core.certificates.rotate(id);
    expect(await core.certificates.cancelRotation(id)).toEqual({ current: { pem: first.certificatePem, info: first.info }, pending: null, cancelled: true });
    expect(await key('pendingPrivateKey')).toBeNull();
    expect(await key('privateKey')).toBe(oldKey);
    expect(await core.certificates.cancelRotation(id)).toMatchObject({ cancelled: false });
  });

  it('finishes a promotion that stopped after writing the new key over the old one', async () => {
    const { core, id, app, key, secrets, record } = await jwtOrg();
    const rotation = await core.certificates.rotate(id);
    // Stopped halfway: the new key is already the org's key, the record still names the rotation.
    await storeSecret(secrets, id, 'privateKey', (await key('pendingPrivateKey'))!);
    app.pem = rotation.pending!.pem;
    expect((await core.tester.test(id)).ok).toBe(true);
    expect(record().certificate).toEqual(rotation.pending!.info);
    expect(record().pendingCertificate).toBeUndefined();
    expect(await key('pendingPrivateKey')).toBeNull();
  });
});

/** A JWT org whose Salesforce gives exactly these answers. */
async function jwtOrgWith(answers: Script[]) {
  const scripted = await scriptedCore(answers, { record: { auth: 'jwt', clientId: '3MVG9jwtKey' } });
  const made = await createSigningKey({ secrets: scripted.secrets, clock: { now: () => START } }, scripted.id, 'Prod');
  scripted.settings.update((doc) => ({ ...doc, orgs: doc.orgs.map((o) => ({ ...o, certificate: made.info, certificatePem: made.certificatePem })) }));
  return scripted;
}

describe('a JWT org’s test and the certificate’s expiry', () => {
  it('warns 30 days ahead and after expiry, and explains a failure after expiry', async () => {
    const { core, id, app, first, advance } = await jwtOrg();
    app.pem = first.certificatePem;
    advance((CERTIFICATE_VALIDITY_DAYS - 10) * 86_400_000);
    expect((await core.tester.test(id)).warnings.map((w) => w.code)).toEqual(['CERTIFICATE_EXPIRING']);
    advance(11 * 86_400_000);
    expect((await core.tester.test(id)).warnings.map((w) => w.code)).toEqual(['CERTIFICATE_EXPIRED']);
    app.pem = null;
    expect((await core.tester.test(id)).failure!.hints.join(' ')).toContain('expired on');
  });
});

describe('certificates.save and get', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('writes the PEM to a .crt file, refuses to replace one unless asked, and has nothing pending before a rotation', async () => {
    const { core, id, first } = await jwtOrg();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkey-cert-'));
    dirs.push(dir);
    const file = path.join(dir, 'Prod.crt');
    expect(await core.certificates.save(id, { path: file, which: 'current' })).toEqual({ path: file });
    expect(fs.readFileSync(file, 'utf8')).toBe(first.certificatePem);
    await expect(core.certificates.save(id, { path: file, which: 'current' })).rejects.toMatchObject({ appError: { code: 'FILES_EXIST', field: 'path' } });
    await expect(core.certificates.save(id, { path: file, which: 'pending' })).rejects.toMatchObject({ appError: { code: 'CERTIFICATE_MISSING' } });
    await expect(core.certificates.save(id, { path: 'relative.crt', which: 'current' })).rejects.toMatchObject({ appError: { code: 'INVALID_INPUT', field: 'path' } });
    const { pending } = await core.certificates.rotate(id);
    await core.certificates.save(id, { path: file, which: 'pending', overwrite: true });
    expect(fs.readFileSync(file, 'utf8')).toBe(pending!.pem);
  });

  it('refuses an org that does not log in with a JWT certificate', async () => {
    const { core, id } = await scriptedCore();
    expect(() => core.certificates.get(id)).toThrow(expect.objectContaining({ appError: expect.objectContaining({ code: 'NOT_JWT_LOGIN' }) }));
    await expect(core.certificates.rotate(id)).rejects.toMatchObject({ appError: { code: 'NOT_JWT_LOGIN' } });
  });

  it('keeps the PEM out of the org list (certificates.get hands it out) and the private key out of the settings', async () => {
    const { core, id, settings } = await jwtOrg();
    await core.certificates.rotate(id);
    const listed = JSON.stringify(core.orgs.list());
    expect(listed).not.toContain('BEGIN CERTIFICATE');
    expect(listed).toContain('"certificate"');
    expect(JSON.stringify(settings.doc)).not.toContain('PRIVATE KEY');
  });
});

/**
 * A JWT org's certificates: handing them out, saving one as a `.crt` file, and rotating the key.
 *
 * An External Client App (like a connected app) holds one certificate for the JWT bearer flow, so
 * uploading a new one ends the old key's logins at once. A rotation therefore never touches the
 * key in use: `rotate` makes a new key (`org:<id>:pendingPrivateKey`) and certificate beside it;
 * every login keeps signing with the current key, and only when Salesforce refuses that one does
 * it try the new key. The first login the new key gets through proves the app now holds the new
 * certificate: the new key is promoted and the old one deleted (`promotePendingKey`). Until then
 * `cancelRotation` drops the new key and nothing has changed (docs/ARCHITECTURE.md, "JWT keys and
 * certificates").
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { CertificateInfo, OrgCertificate, OrgCertificates } from '../../../shared/domain';
import { resolveUserPath, describeFsError, writeFilesAtomically } from '../dataloader/files';
import { fieldError, OrgKeyError } from '../errors';
import { findOrgRecord, updateOrgRecord } from '../org-records';
import { silentLogger, type CorePorts } from '../ports';
import { accountFor } from '../secrets/accounts';
import type { OrgRecord } from '../settings/schema';
import { createSigningKey } from './certificate';
import fs from 'node:fs';
import os from 'node:os';

const TAG = '[certificates]';

export type CertificateWhich = 'current' | 'pending';

export interface SaveCertificateRequest {
  /** Where to write the PEM: a full path (`~` for the home folder), usually ending in `.crt`. */
  path: string;
  which: CertificateWhich;
  /** Replace a file that is already there (the app's save dialog asked; `orgkey cert --out … --yes`). */
  overwrite?: boolean;
}

export interface CertificateService {
  /** The org's certificates as PEM and info; NOT_JWT_LOGIN for an org of another method. */
  get(id: string): OrgCertificates;
  /**
   * Start a rotation: a new key in the keychain and its certificate beside the current ones. While
   * one is under way it is answered again (`created: false`) rather than replaced, because the
   * admin may already have uploaded its certificate.
   */
  rotate(id: string): Promise<OrgCertificates & { created: boolean }>;
  /** Drop the rotation's new key and certificate; the current key goes on as before. */
  cancelRotation(id: string): Promise<OrgCertificates & { cancelled: boolean }>;
  /** Write one certificate's PEM to a file (public data: mode 0644). */
  save(id: string, request: SaveCertificateRequest): Promise<{ path: string }>;
}

const entry = (pem: string | undefined, info: CertificateInfo | undefined): OrgCertificate | null => (pem && info ? { pem, info } : null);

function certificatesOf(record: OrgRecord): OrgCertificates {
  return { current: entry(record.certificatePem, record.certificate), pending: entry(record.pendingCertificatePem, record.pendingCertificate) };
}

function jwtRecord(record: OrgRecord): OrgRecord {
  if (record.auth !== 'jwt') throw new OrgKeyError('NOT_JWT_LOGIN');
  return record;
}

/** The record without its rotation under way. */
function withoutPending(record: OrgRecord): OrgRecord {
  const { pendingCertificate: _info, pendingCertificatePem: _pem, ...rest } = record;
  return rest;
}

/** Whether the PEM private key is the one the certificate's public key belongs to. */
export function keyMatchesCertificate(privateKeyPem: string, certificatePem: string): boolean {
  try {
    return new X509Certificate(certificatePem).checkPrivateKey(createPrivateKey(privateKeyPem));
  } catch {
    return false;
  }
}

/**
 * Make the rotation's new key the org's key, after a login signed with it worked (the app holds its
 * certificate now, so the old key can no longer log in). In the order that survives a stop at any
 * step: the new key is written over the old one first, then the record names its certificate, then
 * the pending entry goes. A stop after the first step leaves both entries equal, which the next
 * login finishes (login-attempt.ts). Resolves the promoted certificate, or null when the record no
 * longer holds this key's certificate (cancelled or rotated again meanwhile).
 */
export async function promotePendingKey(ports: CorePorts, id: string, pendingKey: string): Promise<CertificateInfo | null> {
  const logger = ports.logger ?? silentLogger;
  const record = ports.settings.read().orgs.find((org) => org.id === id);
  const pem = record?.pendingCertificatePem;
  if (!record?.pendingCertificate || !pem || !keyMatchesCertificate(pendingKey, pem)) return null;
  await ports.secrets.set(accountFor(id, 'privateKey'), pendingKey);
  let promoted: CertificateInfo | null = null;
  updateOrgRecord(ports.settings, id, (fresh) => {
    if (fresh.pendingCertificatePem !== pem || !fresh.pendingCertificate) return fresh;
    promoted = fresh.pendingCertificate;
    return { ...withoutPending(fresh), certificate: fresh.pendingCertificate, certificatePem: pem };
  });
  // Another rotation may have started in the meantime: its key is not this one and stays.
  if ((await ports.secrets.get(accountFor(id, 'pendingPrivateKey'))) === pendingKey) await ports.secrets.delete(accountFor(id, 'pendingPrivateKey'));
  if (promoted) logger.info(TAG, `org ${id}: the new certificate worked; its key replaced the old one`);
  return promoted;
}

export function createCertificateService(ports: CorePorts): CertificateService {
  const { settings, secrets } = ports;
  const logger = ports.logger ?? silentLogger;
  const home = ports.homeDir ?? os.homedir();

  return {
    get(id) {
      return certificatesOf(jwtRecord(findOrgRecord(settings, id)));
    },

    async rotate(id) {
      const record = jwtRecord(findOrgRecord(settings, id));
      if (record.pendingCertificate && record.pendingCertificatePem) return { ...certificatesOf(record), created: false };
      const made = await createSigningKey(ports, id, record.alias, { pending: true });
      let saved: OrgRecord | undefined;
      const found = updateOrgRecord(settings, id, (fresh) => {
        saved = { ...fresh, pendingCertificate: made.info, pendingCertificatePem: made.certificatePem };
        return saved;
      });
      if (!found) {
        await secrets.delete(made.account);
        throw new OrgKeyError('ORG_NOT_FOUND');
      }
      logger.info(TAG, `org ${id}: rotation started, new certificate ${made.info.fingerprint}`);
      return { ...certificatesOf(saved!), created: true };
    },

    async cancelRotation(id) {
      const record = jwtRecord(findOrgRecord(settings, id));
      const cancelled = !!record.pendingCertificate;
      let saved: OrgRecord = record;
      // The record first: once it names no new certificate, no login tries the new key.
      updateOrgRecord(settings, id, (fresh) => (saved = withoutPending(fresh)));
      await secrets.delete(accountFor(id, 'pendingPrivateKey'));
      if (cancelled) logger.info(TAG, `org ${id}: rotation cancelled`);
      return { ...certificatesOf(saved), cancelled };
    },

    async save(id, request) {
      const certificate = certificatesOf(jwtRecord(findOrgRecord(settings, id)))[request.which];
      if (!certificate) {
        throw new OrgKeyError('CERTIFICATE_MISSING', {
          message: request.which === 'pending' ? 'No key rotation is under way for this org, so there is no new certificate to save.' : 'OrgKey has no certificate for this org.',
        });
      }
      const target = resolveUserPath(request.path, home, 'certificate file');
      if (!target.ok) throw fieldError('path', target.message);
      if (!request.overwrite && fs.existsSync(target.path)) {
        throw new OrgKeyError('FILES_EXIST', { field: 'path', message: `${target.path} already exists.`, remedy: 'Replace it, or choose another name.' });
      }
      try {
        writeFilesAtomically([{ path: target.path, content: certificate.pem, mode: 0o644 }]);
      } catch (error) {
        throw new OrgKeyError('CERTIFICATE_SAVE_FAILED', { message: describeFsError(error, target.path) });
      }
      logger.info(TAG, `org ${id}: ${request.which} certificate saved`);
      return { path: target.path };
    },
  };
}

/**
 * A JWT org's signing key and the self-signed certificate the admin uploads to the app.
 *
 * OrgKey makes an RSA 2048 key pair with Node's WebCrypto and has @peculiar/x509 write a
 * self-signed X.509 certificate for it (SHA256withRSA), which is what Salesforce's JWT bearer flow
 * verifies the assertion's RS256 signature with. The private key goes to the keychain as PKCS#8
 * PEM and nowhere else; the certificate is public and is kept in the org's settings record so the
 * app and `orgkey cert` can hand it out again at any time (docs/ARCHITECTURE.md, "JWT keys and
 * certificates").
 */
import { createHash, randomBytes, webcrypto, X509Certificate, KeyObject } from 'node:crypto';
import type { CertificateInfo } from '../../../shared/domain';
import type { CorePorts } from '../ports';
import { accountFor } from '../secrets/accounts';

/**
 * How long a new certificate is valid. Salesforce does not refuse an assertion once the app's
 * certificate has expired (its product management calls that by design), so the validity is
 * OrgKey's reminder to rotate: two years keeps a rotation rare but within one admin's memory.
 */
export const CERTIFICATE_VALIDITY_DAYS = 730;

/** RFC 5280's upper bound for a common name. */
const MAX_COMMON_NAME = 64;

/** The certificate's subject common name for an org: `OrgKey <alias>`, cut to what X.509 allows. */
export function commonNameFor(alias: string): string {
  return `OrgKey ${alias}`.slice(0, MAX_COMMON_NAME);
}

/** A key pair and its certificate, as made: the private key is a secret, the rest is public. */
export interface MadeCertificate {
  privateKeyPem: string;
  certificatePem: string;
  info: CertificateInfo;
}

/**
 * Load the certificate writer on first use only: it (and the reflection polyfill its dependency
 * injection container insists on) costs start-up time that `orgkey list` and the app's first
 * window should not pay.
 */
async function loadX509() {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  // Bundled for `orgkey` (esbuild takes the package's CommonJS build), its exports arrive as `default`.
  return x509.X509CertificateGenerator ? x509 : x509.default;
}

/** SHA-256 of the DER certificate as Salesforce's app page and `openssl x509 -fingerprint -sha256` show it: `AB:CD:…`. */
export function fingerprintOf(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}

/** What OrgKey shows of a certificate: expiry, fingerprint, subject. Parsed by Node's own X.509 reader. */
export function certificateInfoOf(certificatePem: string): CertificateInfo {
  const certificate = new X509Certificate(certificatePem);
  return {
    notAfter: new Date(certificate.validTo).toISOString(),
    fingerprint: fingerprintOf(certificate.raw),
    // Node lists one attribute per line; a subject of several reads as a distinguished name.
    subject: certificate.subject.split('\n').join(', '),
  };
}

/** Make a new RSA 2048 key pair and a self-signed certificate for `alias`, valid from `now`. */
export async function makeCertificate(alias: string, now: Date): Promise<MadeCertificate> {
  const x509 = await loadX509();
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const notAfter = new Date(now.getTime() + CERTIFICATE_VALIDITY_DAYS * 86_400_000);
  // A positive 16-byte serial (RFC 5280 allows up to 20 octets; the top bit clear keeps it positive).
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  type Generate = typeof x509.X509CertificateGenerator.createSelfSigned;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial.toString('hex'),
      // The structured form, so an alias with commas or equals signs stays one common name.
      name: [{ CN: [commonNameFor(alias)] }],
      notBefore: now,
      notAfter,
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Parameters<Generate>[0]['signingAlgorithm'],
      keys,
      extensions: [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
    },
    // Node's WebCrypto, passed in so the library's global provider is never consulted or set.
    webcrypto as Parameters<Generate>[1],
  );
  const certificatePem = certificate.toString('pem');
  const privateKeyPem = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { privateKeyPem, certificatePem, info: certificateInfoOf(certificatePem) };
}

/** What `createSigningKey` made: the certificate to upload, and which keychain entry holds its key. */
export interface SigningKey {
  certificatePem: string;
  info: CertificateInfo;
  /** The keychain account the private key was written to (`org:<id>:privateKey` or `…:pendingPrivateKey`). */
  account: string;
}

/**
 * Make a key pair and certificate for an org and write the private key to the keychain only:
 * `org:<id>:privateKey`, or with `pending` (a rotation) `org:<id>:pendingPrivateKey`. The caller
 * keeps the certificate in the org's record; on its own failure it deletes `account` again.
 */
export async function createSigningKey(
  ports: Pick<CorePorts, 'secrets' | 'clock'>,
  orgId: string,
  alias: string,
  options: { pending?: boolean } = {},
): Promise<SigningKey> {
  const made = await makeCertificate(alias, ports.clock.now());
  const account = accountFor(orgId, options.pending ? 'pendingPrivateKey' : 'privateKey');
  await ports.secrets.set(account, made.privateKeyPem);
  return { certificatePem: made.certificatePem, info: made.info, account };
}

/**
 * Certificates uploaded to an app for the JWT bearer flow: Salesforce takes an X.509 certificate
 * (the `.crt` an admin uploads in "Enable JWT Bearer Flow" / "Use digital signatures") whose RSA
 * key verifies the RS256 assertions.
 */
import { X509Certificate } from 'node:crypto';
import { type CertificateSummary } from './model';

/** The certificate in `pem`, or why it can't be uploaded. */
export function parseCertificate(pem: string): X509Certificate | { problem: string } {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return { problem: 'is not a PEM X.509 certificate' };
  }
  // RS256 is the only algorithm Salesforce names for the assertion, so the key must be RSA.
  const keyType = certificate.publicKey.asymmetricKeyType ?? 'unknown';
  return keyType === 'rsa' ? certificate : { problem: `has an ${keyType} key; the JWT bearer flow needs an RSA key` };
}

/** The uploaded certificate again; it was checked when it was uploaded. */
export function uploadedCertificate(pem: string): X509Certificate {
  const parsed = parseCertificate(pem);
  if ('problem' in parsed) throw new Error(`An app holds a certificate that ${parsed.problem}`);
  return parsed;
}

export function certificateSummary(pem: string): CertificateSummary {
  const certificate = uploadedCertificate(pem);
  return {
    fingerprint: certificate.fingerprint256,
    subject: certificate.subject,
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: new Date(certificate.validTo).toISOString(),
  };
}

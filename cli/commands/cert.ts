/**
 * `orgkey cert`: a JWT org's certificate, to upload to its External Client App, and key rotation.
 *
 * The certificate is public: it goes to stdout (or a file) as PEM. The private key never leaves the
 * keychain. A rotation makes a new key and certificate beside the current ones; the current key
 * keeps working until the app holds the new certificate and a login with the new key proves it
 * (electron/core/jwt/certificates.ts).
 */
import path from 'node:path';
import type { OrgCertificate } from '../../shared/domain';
import { certificateStanding } from '../../shared/certificates';
import { stringOption, type CommandSpec } from '../args';
import { isCoreFailure } from '../errors';
import { json } from '../format';
import { confirm, shellWord } from '../input';

/** "expires 1 Dec 2028 (in 730 days)", or that it expired. */
export function expiryText(info: OrgCertificate['info'], now: Date): string {
  const standing = certificateStanding(info, now);
  if (standing.state === 'expired') return `expired ${standing.expiresLabel} — rotate the key`;
  const left = `in ${standing.daysLeft} day${standing.daysLeft === 1 ? '' : 's'}`;
  return `expires ${standing.expiresLabel} (${left})${standing.state === 'expiring' ? ' — rotate the key soon' : ''}`;
}

const describe = (certificate: OrgCertificate, now: Date) => `${certificate.info.subject}, ${expiryText(certificate.info, now)}, SHA-256 ${certificate.info.fingerprint}`;

export const certCommand: CommandSpec = {
  name: 'cert',
  summary: 'Print (or save) a JWT org’s certificate to upload to its app; --rotate makes a new key and certificate.',
  usage: ['cert <alias> [--out FILE] [--yes] [--rotate | --cancel-rotation] [--json]'],
  description: [
    'Prints the certificate OrgKey made for a JWT bearer org as PEM (its private key stays in the keychain),',
    'or with --out writes it to FILE (a .crt file; an existing file is replaced only after you confirm, or with --yes).',
    'Its subject, expiry and SHA-256 fingerprint go to stderr.',
    '--rotate makes a new key and certificate and prints (or writes) the NEW certificate. The current key keeps',
    'working until you upload the new certificate to the app in place of the old one; the next test',
    '(orgkey test) then logs in with the new key, makes it the org’s key and deletes the old one.',
    'Run --rotate again to see the rotation under way; --cancel-rotation drops it (only before you upload it).',
  ].join('\n'),
  positionals: { names: ['<alias>'], min: 1, max: 1 },
  options: {
    out: { type: 'string', help: 'Write the certificate to this file instead of stdout.' },
    yes: { type: 'boolean', short: 'y', help: 'Replace an existing file without asking.' },
    rotate: { type: 'boolean', help: 'Make a new key and certificate (or show the rotation under way).' },
    'cancel-rotation': { type: 'boolean', help: 'Drop the new key and certificate of the rotation under way.' },
    json: { type: 'boolean', help: 'Print {alias, which, pem, subject, notAfter, fingerprint, path, rotation} as JSON.' },
  },
  examples: ['orgkey cert Integration --out ~/Desktop/orgkey-integration.crt', 'orgkey cert Integration --rotate --out new.crt', 'orgkey test Integration'],
  async run(context, { positionals, values }) {
    const core = context.core();
    const org = context.findOrg(positionals[0]!);
    const now = core.now();
    const alias = shellWord(org.alias);
    if (values['cancel-rotation']) {
      const { cancelled } = await core.certificates.cancelRotation(org.id);
      context.io.err(cancelled ? `Dropped the new key and certificate of “${org.alias}”; the current key goes on.` : `No key rotation was under way for “${org.alias}”.`);
      return 0;
    }
    let which: 'current' | 'pending' = 'current';
    let certificate: OrgCertificate | null;
    let created = false;
    if (values.rotate) {
      const rotation = await core.certificates.rotate(org.id);
      which = 'pending';
      certificate = rotation.pending;
      created = rotation.created;
    } else {
      const certificates = core.certificates.get(org.id);
      certificate = certificates.current;
      if (certificates.pending) context.io.err(`note: a key rotation is under way; orgkey cert ${alias} --rotate prints its new certificate.`);
    }
    if (!certificate) {
      context.io.err(`“${org.alias}” has no certificate; make one with orgkey cert ${alias} --rotate.`);
      return 1;
    }

    let written: string | null = null;
    const out = stringOption(values, 'out');
    if (out !== undefined) {
      // Relative paths are the shell's: resolve them against where the command runs.
      const target = /^~(?=$|[/\\])/.test(out) ? out : path.resolve(out);
      try {
        written = (await core.certificates.save(org.id, { path: target, which })).path;
      } catch (error) {
        if (!isCoreFailure(error) || error.appError.code !== 'FILES_EXIST') throw error;
        await confirm(context, `${target} already exists. Replace it?`, !!values.yes, `Replacing ${target}`);
        written = (await core.certificates.save(org.id, { path: target, which, overwrite: true })).path;
      }
    }

    if (values.json) {
      const { subject, notAfter, fingerprint } = certificate.info;
      context.io.outBlock(json({ alias: org.alias, which, pem: certificate.pem, subject, notAfter, fingerprint, path: written, rotation: which === 'pending' }));
    } else if (!written) {
      context.io.outBlock(certificate.pem.trimEnd());
    }
    if (written) context.io.err(`Wrote ${which === 'pending' ? 'the new' : 'the'} certificate of “${org.alias}” to ${written}.`);
    context.io.err(`${which === 'pending' ? 'New certificate' : 'Certificate'}: ${describe(certificate, now)}`);
    if (which === 'pending') {
      context.io.err(created ? 'Made a new key (in the keychain) and this certificate. Next:' : 'This rotation was already under way (its certificate may be uploaded already). Next:');
      context.io.err('  1. Upload this certificate to the External Client App in place of the old one (the app’s OAuth settings, JWT Bearer Flow).');
      context.io.err(`  2. Test: orgkey test ${alias}. The first login with the new key makes it the org’s key and deletes the old one.`);
      context.io.err(`Until you upload it the current key keeps working; orgkey cert ${alias} --cancel-rotation drops the new one.`);
    }
    return 0;
  },
};

/**
 * The gate in front of the OS browser, shared by every host (the app, the CLI, the browser host).
 *
 * Sign-in and the reset assistant hand URLs to the system browser, which the user trusts with their
 * password: only Salesforce's pages, the org's own login host and loopback addresses may go there.
 * The check is made here, where the URL is launched, not only by the callers.
 */
import { isOpenableExternalUrl } from '../../shared/salesforce-hosts';
import { OrgKeyError } from './errors';
import type { ExternalOpener } from './ports';

/** The origin of `url` for a message (never its path or query), or a stand-in when it has none. */
function originOf(url: string): string {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? 'this address' : origin;
  } catch {
    return 'this address';
  }
}

/** An opener that launches `url` with `launch` only when the allow-list lets it through. */
export function allowListedOpener(launch: (url: string) => Promise<void>): ExternalOpener {
  return {
    async open(url, options = {}) {
      if (!isOpenableExternalUrl(url, options.allowOrigin ? [options.allowOrigin] : [])) {
        throw new OrgKeyError('URL_NOT_ALLOWED', {
          message: `OrgKey opens only Salesforce pages, the org’s own login page and addresses on this computer in your browser, not ${originOf(url)}.`,
          remedy: 'Open the address yourself only if you are sure it is your org’s.',
        });
      }
      await launch(url);
    },
  };
}

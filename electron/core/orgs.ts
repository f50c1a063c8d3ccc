/**
 * The org registry: metadata in the settings file, secrets in the keychain.
 *
 * Every change re-checks its input with the shared field rules (the renderer's checks are only a
 * courtesy). Adding writes the secrets first and the metadata last, undoing the secrets if the
 * metadata write fails, so a failure never leaves half an org behind.
 */
import { randomUUID } from 'node:crypto';
import {
  callbackPortFor,
  DEFAULT_CALLBACK_PORT,
  type AuthMethod,
  type EnvironmentKind,
  type Notice,
  type OrgDetail,
  type OrgSaved,
  type OrgSummary,
} from '../../shared/domain';
import { loginMethodOf } from '../../shared/login-methods';
import { byAlias } from '../../shared/org-order';
import {
  checkAlias,
  checkBrowserClientId,
  checkCallbackPort,
  checkClientId,
  checkClientSecret,
  checkLoginUrl,
  checkPassword,
  checkToken,
  checkUsername,
  type FieldCheck,
} from '../../shared/validation';
import { fieldError, OrgKeyError } from './errors';
import { findOrgByName, findOrgRecord, updateOrgRecord } from './org-records';
import type { CorePorts } from './ports';
import { silentLogger } from './ports';
import { accountFor, SECRET_KINDS } from './secrets/accounts';
import type { OrgRecord } from './settings/schema';
import { exportInfo } from './dataloader/status';
import { revokeStoredSignIn } from './oauth/browser-login';

const TAG = '[orgs]';

function required<T>(field: string, check: FieldCheck<T>, notices: Notice[]): T {
  if (!check.ok) throw fieldError(field, check.message);
  notices.push(...check.notices);
  return check.value;
}

function toSummary(record: OrgRecord): OrgSummary {
  return { ...record, dataLoaderExports: record.dataLoaderExports.map((entry) => exportInfo(record, entry)) };
}

/** A new org as typed: every field is checked again here before anything is stored. */
export interface OrgDraft {
  alias: string;
  environment: EnvironmentKind;
  /** The My Domain URL, for `custom`. */
  customUrl?: string;
  /** Default `password`. A `browser` org needs a clientId and no password; its username comes from the sign-in. */
  auth?: AuthMethod;
  username: string;
  password: string;
  token?: string;
  clientId?: string;
  clientSecret?: string;
  callbackPort?: number;
}

/** The fields an edit changes; the rest stay. Secrets other than the consumer secret change through the token workflow. */
export interface OrgPatch {
  alias?: string;
  environment?: EnvironmentKind;
  customUrl?: string;
  username?: string;
  /** Switch how the org logs in; `browser` needs a clientId (given now or stored). */
  auth?: AuthMethod;
  /** An empty string switches a password org back to SOAP login and deletes the stored client secret. */
  clientId?: string;
  clientSecret?: string;
  /** Browser orgs: the callback port (the app's callback URL must name the same). */
  callbackPort?: number;
}

export interface OrgRegistry {
  list(): OrgSummary[];
  /** The org of this name (any case, spaces tidied), or with `orId` of this id; undefined when none. */
  findByName(name: string, options?: { orId?: boolean }): OrgSummary | undefined;
  get(id: string): Promise<OrgDetail>;
  add(draft: OrgDraft): Promise<OrgSaved>;
  update(id: string, patch: OrgPatch): Promise<OrgSaved>;
  remove(id: string): Promise<{ id: string }>;
  /**
   * Delete the keychain entries a switch of login method left behind, once a test proved the new
   * method (SWITCH_NOT_PROVED before). A kept browser sign-in is revoked at Salesforce first.
   */
  forgetPreviousSecrets(id: string): Promise<OrgSaved>;
}

export function createOrgRegistry(ports: CorePorts): OrgRegistry {
  const { settings, secrets, clock } = ports;
  const logger = ports.logger ?? silentLogger;
  const newId = ports.newId ?? randomUUID;

  const findRecord = (id: string) => findOrgRecord(settings, id);

  /** Revoke and forget a browser org's refresh token. */
  const revokeStored = async (record: OrgRecord): Promise<void> => {
    if (!(await revokeStoredSignIn(ports, record))) logger.warn(TAG, `org ${record.id}: Salesforce did not confirm revoking the sign-in`);
  };

  const assertAliasFree = (alias: string, exceptId?: string) => {
    const clash = findOrgByName(
      settings.read().orgs.filter((org) => org.id !== exceptId),
      alias,
    );
    if (clash) {
      throw new OrgKeyError('ALIAS_TAKEN', {
        field: 'alias',
        message: `“${clash.alias}” is already in OrgKey. Choose another name.`,
      });
    }
  };

  const checkEnvironment = (environment: EnvironmentKind, customUrl: string | undefined, notices: Notice[]) =>
    required('customUrl', checkLoginUrl(environment, customUrl), notices);

  return {
    list() {
      return settings.read().orgs.map(toSummary).sort(byAlias);
    },

    findByName(name, options) {
      const record = findOrgByName(settings.read().orgs, name, options);
      return record && toSummary(record);
    },

    async get(id) {
      const record = findRecord(id);
      const values = await Promise.all(SECRET_KINDS.map(async (kind) => [kind, await secrets.get(accountFor(id, kind))] as const));
      const presence = (secret: string | null) => ({ present: !!secret, length: secret?.length ?? 0 });
      return {
        ...toSummary(record),
        secrets: Object.fromEntries(values.map(([kind, secret]) => [kind, presence(secret ?? null)])) as OrgDetail['secrets'],
      };
    },

    async add(draft) {
      const notices: Notice[] = [];
      const auth = draft.auth ?? 'password';
      const browser = auth === 'browser';
      const alias = required('alias', checkAlias(draft.alias), notices);
      const loginUrl = checkEnvironment(draft.environment, draft.customUrl, notices);
      // A browser org learns its username from the sign-in; one given now only prefills the login page.
      const username = browser && !draft.username.trim() ? '' : required('username', checkUsername(draft.username), notices);
      if (browser && (draft.password || draft.token)) {
        throw fieldError(draft.password ? 'password' : 'token', 'Browser login keeps no password or security token: leave this empty.');
      }
      const password = browser ? '' : required('password', checkPassword(draft.password), notices);
      const token = browser ? '' : required('token', checkToken(draft.token ?? ''), notices);
      const clientId = browser ? required('clientId', checkBrowserClientId(draft.clientId ?? ''), notices) : required('clientId', checkClientId(draft.clientId ?? ''), notices);
      const clientSecret = required('clientSecret', checkClientSecret(draft.clientSecret ?? '', clientId, { required: !browser }), notices);
      const callbackPort = browser ? required('callbackPort', checkCallbackPort(draft.callbackPort ?? DEFAULT_CALLBACK_PORT), notices) : undefined;
      assertAliasFree(alias);

      const id = newId();
      const now = clock.now().toISOString();
      const record: OrgRecord = {
        id,
        alias,
        username,
        environment: draft.environment,
        loginUrl,
        hasToken: token !== '',
        createdAt: now,
        updatedAt: now,
        passwordUpdatedAt: now,
        ...(token ? { tokenUpdatedAt: now } : {}),
        auth,
        ...(clientId ? { clientId } : {}),
        ...(callbackPort ? { callbackPort } : {}),
        consecutiveFailures: 0,
        dataLoaderExports: [],
      };

      const written: string[] = [];
      const undoSecrets = async () => {
        for (const account of written) {
          await secrets.delete(account).catch(() => logger.warn(TAG, `could not undo keychain entry for org ${id}`));
        }
      };
      try {
        for (const [kind, secret] of [['password', password], ['token', token], ['clientSecret', clientSecret]] as const) {
          if (!secret) continue;
          await secrets.set(accountFor(id, kind), secret);
          written.push(accountFor(id, kind));
        }
        settings.update((doc) => ({ ...doc, orgs: [...doc.orgs, record] }));
      } catch (error) {
        await undoSecrets();
        throw error;
      }
      logger.info(TAG, `added org ${id} (${record.environment})`);
      return { org: toSummary(record), notices };
    },

    async update(id, patch) {
      const current = findRecord(id);
      const notices: Notice[] = [];
      const next: OrgRecord = { ...current };
      if (patch.alias !== undefined) {
        next.alias = required('alias', checkAlias(patch.alias), notices);
        assertAliasFree(next.alias, id);
      }
      if (patch.environment !== undefined || patch.customUrl !== undefined) {
        const environment = patch.environment ?? current.environment;
        const customUrl = patch.customUrl ?? (environment === 'custom' ? current.loginUrl : undefined);
        next.environment = environment;
        next.loginUrl = checkEnvironment(environment, customUrl, notices);
      }
      if (patch.username !== undefined) {
        next.username = required('username', checkUsername(patch.username), notices);
      }
      if (patch.auth !== undefined && patch.auth !== current.auth) {
        // Back to a password needs the password OrgKey kept when the org switched to browser login.
        if (patch.auth === 'password' && !(await secrets.get(accountFor(id, 'password')))) {
          throw fieldError('auth', 'OrgKey has no password for this org. Add it again as a password org instead.');
        }
        next.auth = patch.auth;
      }
      const browser = next.auth === 'browser';
      let newClientSecret = '';
      // A secret stored for another app (the key changed, no new secret given) is deleted, not reused.
      let staleSecret = false;
      if (patch.clientId !== undefined || patch.clientSecret !== undefined || patch.auth !== undefined) {
        // The browser app's key is not a username-password app: switching back drops it unless a key is given.
        const droppingBrowserApp = current.auth === 'browser' && !browser && patch.clientId === undefined;
        const rawId = droppingBrowserApp ? '' : (patch.clientId ?? current.clientId ?? '');
        const clientId = browser ? required('clientId', checkBrowserClientId(rawId), notices) : required('clientId', checkClientId(rawId), notices);
        const given = patch.clientSecret ?? '';
        // A key for the username-password flow needs its secret: a new one given now, or the one
        // already in the keychain if it is still the same app's.
        const sameApp = clientId === (current.clientId ?? '');
        if (!browser && clientId && !given.trim() && !(sameApp && (await secrets.get(accountFor(id, 'clientSecret'))))) {
          required('clientSecret', checkClientSecret('', clientId), notices);
        }
        if (!sameApp && !given.trim()) staleSecret = true;
        newClientSecret = given.trim() ? required('clientSecret', checkClientSecret(given, clientId, { required: !browser }), notices) : '';
        if (clientId) next.clientId = clientId;
        else delete next.clientId;
      }
      if (browser && (patch.callbackPort !== undefined || next.callbackPort === undefined)) {
        // A browser org keeps the port its app has registered; a newly switched one gets the default.
        next.callbackPort = required('callbackPort', checkCallbackPort(patch.callbackPort ?? callbackPortFor(current)), notices);
      }
      next.updatedAt = clock.now().toISOString();
      // A refresh token belongs to the app (and login method) it was issued through: a change ends the sign-in.
      const endsSignIn = current.auth === 'browser' && (next.auth !== 'browser' || next.clientId !== current.clientId || next.loginUrl !== current.loginUrl);
      if (endsSignIn) {
        await revokeStored(current);
        delete next.signedInAt;
      }
      if (newClientSecret) await secrets.set(accountFor(id, 'clientSecret'), newClientSecret);
      if ((patch.clientId !== undefined && !next.clientId) || staleSecret) await secrets.delete(accountFor(id, 'clientSecret'));
      // Apply only the fields this edit changed to the record as it is now in the file (read under the
      // settings lock), so a test result or export recorded meanwhile by another window or the CLI stays.
      const touched = (['alias', 'environment', 'loginUrl', 'username', 'auth', 'clientId', 'callbackPort', 'signedInAt', 'updatedAt'] as const).filter(
        (key) => next[key] !== current[key],
      );
      let saved: OrgRecord = next;
      const found = updateOrgRecord(settings, id, (fresh) => {
        const merged: OrgRecord = { ...fresh };
        for (const key of touched) {
          if (next[key] === undefined) delete merged[key];
          else (merged as Record<string, unknown>)[key] = next[key];
        }
        saved = merged;
        return merged;
      });
      if (!found) throw new OrgKeyError('ORG_NOT_FOUND');
      logger.info(TAG, `updated org ${id}`);
      return { org: toSummary(saved), notices };
    },

    async forgetPreviousSecrets(id) {
      const record = findRecord(id);
      const previous = record.previousSecrets;
      if (!previous) return { org: toSummary(record), notices: [] };
      if (!previous.provedAt) throw new OrgKeyError('SWITCH_NOT_PROVED');
      // Never an entry the org's method uses now, whatever the record says.
      const inUse = new Set(loginMethodOf(record).secrets);
      const kinds = previous.kinds.filter((kind) => !inUse.has(kind));
      // A refresh token is a sign-in at Salesforce: revoked there (best effort), not only forgotten here.
      if (kinds.includes('refreshToken')) {
        await revokeStored({ ...record, ...(previous.clientId ? { clientId: previous.clientId } : {}), loginUrl: previous.loginUrl ?? record.loginUrl });
      }
      for (const kind of kinds) await secrets.delete(accountFor(id, kind));
      let saved = record;
      const found = updateOrgRecord(settings, id, (fresh) => {
        const { previousSecrets: _gone, ...rest } = fresh;
        saved = { ...rest, updatedAt: clock.now().toISOString() };
        return saved;
      });
      if (!found) throw new OrgKeyError('ORG_NOT_FOUND');
      logger.info(TAG, `org ${id}: deleted the secrets kept from ${previous.auth} login (${kinds.join(', ') || 'none left'})`);
      return { org: toSummary(saved), notices: [] };
    },

    async remove(id) {
      const record = findRecord(id);
      // A browser sign-in is revoked at Salesforce, not just forgotten here (best effort: offline, it expires by policy).
      if (record.auth === 'browser') await revokeStored(record);
      // Secrets first: if the keychain refuses, the metadata stays so the user can retry and
      // nothing is left in the keychain without an org pointing at it.
      for (const kind of SECRET_KINDS) {
        await secrets.delete(accountFor(id, kind));
      }
      settings.update((doc) => ({ ...doc, orgs: doc.orgs.filter((org) => org.id !== id) }));
      logger.info(TAG, `removed org ${id}`);
      return { id };
    },
  };
}

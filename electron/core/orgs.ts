/**
 * The org registry: metadata in the settings file, secrets in the keychain.
 *
 * Every change re-checks its input with the shared field rules (the renderer's checks are only a
 * courtesy). Adding records the org as in flight, writes the secrets, then the metadata last,
 * undoing the secrets if the metadata write fails, so a failure never leaves half an org behind;
 * a process killed between the two writes leaves an entry the next start sweeps
 * (secrets/org-secrets.ts).
 */
import { randomUUID } from 'node:crypto';
import {
  callbackPortFor,
  DEFAULT_CALLBACK_PORT,
  type AuthMethod,
  type CertificateInfo,
  type EnvironmentKind,
  type Notice,
  type OrgDetail,
  type OrgSaved,
  type OrgSummary,
} from '../../shared/domain';
import { loginMethodOf, secretsLeftBy, type SecretKind } from '../../shared/login-methods';
import { orgColorOf } from '../../shared/org-colors';
import { sameGroup } from '../../shared/org-groups';
import { byAlias } from '../../shared/org-order';
import {
  checkAlias,
  checkBrowserClientId,
  checkCallbackPort,
  checkClientId,
  checkClientSecret,
  checkGroup,
  checkLoginUrlFor,
  checkOrgColor,
  checkPassword,
  checkToken,
  checkUnusedField,
  checkUsername,
  type FieldCheck,
} from '../../shared/validation';
import { fieldError, OrgKeyError } from './errors';
import { findOrgByName, findOrgRecord, updateOrgRecord } from './org-records';
import type { CorePorts } from './ports';
import { ownCopy, silentLogger } from './ports';
import { SECRET_KINDS } from './secrets/accounts';
import { inFlightEntry, orgSecretsOf, withInFlight, withoutInFlight } from './secrets/org-secrets';
import type { OrgRecord } from './settings/schema';
import { confirmRefresh, refreshSummary } from './connection/sandbox-refresh';
import { exportInfo } from './dataloader/status';
import { revokeStoredSignIn } from './oauth/browser-login';
import type { KeptAudits } from './audit/kept';

const TAG = '[orgs]';

function required<T>(field: string, check: FieldCheck<T>, notices: Notice[]): T {
  if (!check.ok) throw fieldError(field, check.message);
  notices.push(...check.notices);
  return check.value;
}

function toSummary(record: OrgRecord): OrgSummary {
  // The certificates' PEM is public but long: `certificates.get` hands it out, the list does not.
  const { certificatePem: _pem, pendingCertificatePem: _pendingPem, sandboxRefresh: _refresh, ...summary } = record;
  const sandboxRefresh = refreshSummary(record);
  return {
    ...summary,
    dataLoaderExports: record.dataLoaderExports.map((entry) => exportInfo(record, entry)),
    ...(sandboxRefresh ? { sandboxRefresh } : {}),
    color: orgColorOf(record),
    colorIsDefault: record.color === undefined,
  };
}

/** The keychain entries an org's setup reads: its method's, a consumer secret only with a consumer key. */
function secretsInUse(record: Pick<OrgRecord, 'auth' | 'clientId'>): Set<SecretKind> {
  const kinds = new Set(loginMethodOf(record).secrets);
  if (!record.clientId) kinds.delete('clientSecret');
  return kinds;
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
  /** The group to file the org under; empty or absent: none. */
  group?: string;
  /** A palette name or hex colour (shared/org-colors.ts); empty or absent: the environment's default. */
  color?: string;
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
  /** An empty string takes the org out of its group. */
  group?: string;
  /** An empty string goes back to the environment's default colour. */
  color?: string;
}

export interface OrgRegistry {
  list(): OrgSummary[];
  /** The org of this name (any case, spaces tidied), or with `orId` of this id; undefined when none. */
  findByName(name: string, options?: { orId?: boolean }): OrgSummary | undefined;
  get(id: string): Promise<OrgDetail>;
  /**
   * `awaitingSecrets`: a password org added without its password (an import that carries none);
   * it is marked so, and logs in only once its password is stored (tokens/workflow.ts).
   */
  add(draft: OrgDraft, options?: { awaitingSecrets?: boolean }): Promise<OrgSaved>;
  update(id: string, patch: OrgPatch): Promise<OrgSaved>;
  remove(id: string): Promise<{ id: string }>;
  /**
   * Delete the keychain entries a switch of login method left behind, once a test proved the new
   * method (SWITCH_NOT_PROVED before). A kept browser sign-in is revoked at Salesforce first.
   */
  forgetPreviousSecrets(id: string): Promise<OrgSaved>;
  /** Confirm the org's pending sandbox refresh: its new org id becomes the stored one (connection/sandbox-refresh.ts). */
  confirmSandboxRefresh(id: string): OrgSummary;
}

/** What makes a JWT org's key pair and certificate: the private key goes to the keychain (`account`). */
export type MakeSigningKey = (orgId: string, alias: string) => Promise<{ info: CertificateInfo; certificatePem: string; account: string }>;

export function createOrgRegistry(ports: CorePorts, options: { makeSigningKey: MakeSigningKey; keptAudits?: Pick<KeptAudits, 'remove'>; checkHistory?: { remove(id: string): void } }): OrgRegistry {
  const { settings, secrets, clock } = ports;
  const orgSecrets = orgSecretsOf(ports);
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

  /**
   * A group as checked, in the spelling the other orgs of that group have: “client a” typed for an
   * org joins “Client A”, so the list shows one group (shared/org-groups.ts matches in any case).
   */
  const groupOf = (raw: string, notices: Notice[], exceptId?: string): string => {
    const group = required('group', checkGroup(raw), notices);
    if (!group) return '';
    return settings.read().orgs.find((org) => org.id !== exceptId && org.group !== undefined && sameGroup(org.group, group))?.group ?? group;
  };

  const checkEnvironment = (auth: AuthMethod, environment: EnvironmentKind, customUrl: string | undefined, notices: Notice[]) => {
    const check = checkLoginUrlFor(auth, environment, customUrl);
    return required(check.field, check, notices);
  };

  /**
   * Make a JWT org's key pair: the private key to the keychain (its account noted in `written`, to
   * undo), the certificate for the record.
   */
  const makeKey = async (id: string, alias: string, written: string[]): Promise<Pick<OrgRecord, 'certificate' | 'certificatePem'>> => {
    const key = await options.makeSigningKey(id, alias);
    written.push(key.account);
    // The PEM too: it is public, and `certificates.get` / `orgkey cert` hand it out again at any time.
    return { certificate: key.info, certificatePem: key.certificatePem };
  };

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
      const values = await orgSecrets.read(id, SECRET_KINDS);
      const presence = (secret: string | undefined) => ({ present: !!secret, length: secret?.length ?? 0 });
      return {
        ...toSummary(record),
        secrets: Object.fromEntries(SECRET_KINDS.map((kind) => [kind, presence(values[kind])])) as OrgDetail['secrets'],
      };
    },

    async add(draft, addOptions = {}) {
      const notices: Notice[] = [];
      const auth = draft.auth ?? 'password';
      const { needs } = loginMethodOf(auth);
      const alias = required('alias', checkAlias(draft.alias), notices);
      const loginUrl = checkEnvironment(auth, draft.environment, draft.customUrl, notices);
      for (const field of ['username', 'password', 'token', 'clientSecret'] as const) required(field, checkUnusedField(auth, field, draft[field] ?? ''), notices);
      // A browser org learns its username from the sign-in (one given now only prefills the login page);
      // a client-credentials org learns its app's run-as user from a test.
      const username = needs.username === 'no' || (needs.username === 'optional' && !draft.username.trim()) ? '' : required('username', checkUsername(draft.username), notices);
      const awaiting = !!addOptions.awaitingSecrets && auth === 'password';
      const password = needs.password === 'no' || awaiting ? '' : required('password', checkPassword(draft.password), notices);
      const token = needs.token === 'no' || awaiting ? '' : required('token', checkToken(draft.token ?? ''), notices);
      const clientId = required('clientId', needs.clientId === 'required' ? checkBrowserClientId(draft.clientId ?? '') : checkClientId(draft.clientId ?? ''), notices);
      const clientSecret = needs.clientSecret === 'no' ? '' : required('clientSecret', checkClientSecret(draft.clientSecret ?? '', clientId, { required: needs.clientSecret !== 'optional' }), notices);
      const callbackPort = needs.callbackPort ? required('callbackPort', checkCallbackPort(draft.callbackPort ?? DEFAULT_CALLBACK_PORT), notices) : undefined;
      const group = groupOf(draft.group ?? '', notices);
      const color = required('color', checkOrgColor(draft.color ?? ''), notices);
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
        ...(group ? { group } : {}),
        ...(color ? { color } : {}),
        consecutiveFailures: 0,
        dataLoaderExports: [],
        ...(awaiting ? { awaitingSecrets: true as const } : {}),
      };

      // Recorded before the keychain is written, so a sweep knows these entries are being written
      // and a stop before the org is saved leaves entries the next start finds and deletes.
      settings.update((doc) => withInFlight(doc, inFlightEntry(id, clock.now())));
      try {
        if (password || token || clientSecret) await orgSecrets.write(id, { ...(password ? { password } : {}), ...(token ? { token } : {}), ...(clientSecret ? { clientSecret } : {}) });
        // A JWT org gets its key pair now: the key to the keychain, the certificate to its record.
        if (needs.certificate) Object.assign(record, await makeKey(id, alias, []));
        settings.update((doc) => ({ ...withoutInFlight(doc, [id]), orgs: [...doc.orgs, record] }));
      } catch (error) {
        await orgSecrets.removeAll(id).catch(() => logger.warn(TAG, `could not undo keychain entry for org ${id}`));
        try {
          settings.update((doc) => withoutInFlight(doc, [id]));
        } catch {
          // Left for the sweep: its process will be gone by the next start.
        }
        throw error;
      }
      logger.info(TAG, `added org ${id} (${record.environment}, ${auth})`);
      return { org: toSummary(record), notices };
    },

    async update(id, patch) {
      const current = findRecord(id);
      const notices: Notice[] = [];
      const next: OrgRecord = { ...current };
      const from = current.auth;
      const to = patch.auth ?? from;
      const switching = to !== from;
      const method = loginMethodOf(to);
      const { needs } = method;
      // Back to the method a switch left secrets of: they, its app and its username serve again.
      const back = switching && current.previousSecrets?.auth === to ? current.previousSecrets : undefined;
      next.auth = to;
      if (patch.alias !== undefined) {
        next.alias = required('alias', checkAlias(patch.alias), notices);
        assertAliasFree(next.alias, id);
      }
      if (patch.environment !== undefined || patch.customUrl !== undefined || (switching && needs.myDomain)) {
        const environment = patch.environment ?? current.environment;
        const customUrl = patch.customUrl ?? (environment === 'custom' ? current.loginUrl : undefined);
        next.environment = environment;
        next.loginUrl = checkEnvironment(to, environment, customUrl, notices);
      }
      if (patch.group !== undefined) {
        const group = groupOf(patch.group, notices, id);
        if (group) next.group = group;
        else delete next.group;
      }
      if (patch.color !== undefined) {
        const color = required('color', checkOrgColor(patch.color), notices);
        if (color) next.color = color;
        else delete next.color;
      }
      for (const field of ['username', 'clientSecret'] as const) required(field, checkUnusedField(to, field, patch[field] ?? ''), notices);
      if (patch.username !== undefined && needs.username !== 'no') {
        next.username = needs.username === 'optional' && !patch.username.trim() ? '' : required('username', checkUsername(patch.username), notices);
      } else if (switching) {
        // A client-credentials org learns its run-as user at its first test; a method that logs in as a
        // typed user takes back the one it had, or keeps the one the org has.
        next.username = method.usernameFrom === 'test' ? '' : (back?.username ?? current.username);
        if (needs.username === 'required') next.username = required('username', checkUsername(next.username), notices);
      }
      if (switching && to === 'password' && !(await orgSecrets.get(id, 'password'))) {
        // Back to a password needs the password OrgKey kept when the org switched away from it.
        throw fieldError('auth', 'OrgKey has no password for this org. Add it again as a password org instead.');
      }

      let newClientSecret = '';
      // A secret stored for another app that the org's new setup would send: deleted, not reused.
      let staleSecret = false;
      if (patch.clientId !== undefined || patch.clientSecret !== undefined || switching) {
        // A switch keeps the app (an External Client App can serve several flows), except that another
        // method's app is no connected app for the password flow: password login goes back to SOAP
        // login() unless a key is given, or the one it had before the switch.
        const rawId = patch.clientId ?? (back ? (back.clientId ?? '') : switching && to === 'password' ? '' : (current.clientId ?? ''));
        const clientId = required('clientId', needs.clientId === 'required' ? checkBrowserClientId(rawId) : checkClientId(rawId), notices);
        const given = needs.clientSecret === 'no' ? '' : (patch.clientSecret ?? '');
        // A key that needs its secret: a new one given now, or the one in the keychain if it is still the same app's.
        const sameApp = clientId === (back ? (back.clientId ?? '') : (current.clientId ?? ''));
        const storedSecret = await orgSecrets.get(id, 'clientSecret');
        const needsSecret = needs.clientSecret === 'required' || (needs.clientSecret === 'with-client-id' && !!clientId);
        if (needsSecret && !given.trim() && !(sameApp && storedSecret)) {
          required('clientSecret', checkClientSecret('', clientId || 'key'), notices);
        }
        // Sent by the new setup only if it reads a consumer secret at all (JWT and SOAP login() do not).
        const readsSecret = needs.clientSecret !== 'no' && !!clientId;
        if (!sameApp && !given.trim() && readsSecret && storedSecret) staleSecret = true;
        newClientSecret = given.trim() ? required('clientSecret', checkClientSecret(given, clientId, { required: needs.clientSecret !== 'optional' }), notices) : '';
        if (clientId) next.clientId = clientId;
        else delete next.clientId;
      }
      if (needs.callbackPort && (patch.callbackPort !== undefined || next.callbackPort === undefined)) {
        // A browser org keeps the port its app has registered; a newly switched one gets the default.
        next.callbackPort = required('callbackPort', checkCallbackPort(patch.callbackPort ?? callbackPortFor(current)), notices);
      }
      const now = clock.now().toISOString();
      next.updatedAt = now;

      // A sign-in kept from before a switch serves again only through the same app on the same host.
      const keptSignIn = back?.signedInAt && back.kinds.includes('refreshToken') && next.clientId === back.clientId && next.loginUrl === (back.loginUrl ?? next.loginUrl);
      if (to === 'browser' && back) {
        if (keptSignIn) next.signedInAt = back.signedInAt!;
        else if (back.kinds.includes('refreshToken')) await revokeStored({ ...current, ...(back.clientId ? { clientId: back.clientId } : {}), loginUrl: back.loginUrl ?? current.loginUrl });
      }
      // A refresh token belongs to the app (and host) it was issued through: another app or host ends the sign-in.
      const endsSignIn = from === 'browser' && to === 'browser' && (next.clientId !== current.clientId || next.loginUrl !== current.loginUrl);
      if (endsSignIn) {
        await revokeStored(current);
        delete next.signedInAt;
      }
      // A login method without a password needs none from the admin any more.
      if (switching && needs.password === 'no') delete next.awaitingSecrets;
      if (switching) {
        // The old method's secrets stay in the keychain until a test proves the new one (previousSecrets).
        const candidates = new Set([...(current.previousSecrets?.kinds ?? []), ...secretsLeftBy(from, to)]);
        // A consumer secret the new setup does not read (JWT, SOAP login()) is kept beside it, not deleted.
        if (!staleSecret && !newClientSecret) candidates.add('clientSecret');
        for (const kind of secretsInUse(next)) candidates.delete(kind);
        const stored = await orgSecrets.read(id, [...candidates]);
        const kept = SECRET_KINDS.filter((kind) => candidates.has(kind) && !!stored[kind]);
        if (kept.length > 0) {
          next.previousSecrets = {
            auth: from,
            kinds: kept,
            since: now,
            ...(current.clientId ? { clientId: current.clientId } : {}),
            loginUrl: current.loginUrl,
            ...(current.username ? { username: current.username } : {}),
            ...(from === 'browser' && current.signedInAt && kept.includes('refreshToken') ? { signedInAt: current.signedInAt } : {}),
          };
        } else {
          delete next.previousSecrets;
        }
        if (from === 'browser') delete next.signedInAt;
        if (to === 'browser' && keptSignIn) next.signedInAt = back!.signedInAt!;
      }
      // A JWT org needs its key pair: a kept one serves again, otherwise OrgKey makes one now.
      const made: string[] = [];
      if (switching && needs.certificate && !(back?.kinds.includes('privateKey') && (await orgSecrets.get(id, 'privateKey')))) {
        Object.assign(next, await makeKey(id, next.alias, made));
      }
      try {
        const dropSecret = (patch.clientId !== undefined && !next.clientId && !switching) || staleSecret;
        if (newClientSecret || dropSecret) await orgSecrets.write(id, { clientSecret: dropSecret ? null : newClientSecret });
      } catch (error) {
        for (const account of made) await secrets.delete(account).catch(() => undefined);
        throw error;
      }
      if (newClientSecret && next.previousSecrets) {
        // The entry now holds the new app's secret: it is no longer the old method's.
        const kinds = next.previousSecrets.kinds.filter((kind) => kind !== 'clientSecret');
        if (kinds.length > 0) next.previousSecrets = { ...next.previousSecrets, kinds };
        else delete next.previousSecrets;
      }
      // Apply only the fields this edit changed to the record as it is now in the file (read under the
      // settings lock), so a test result or export recorded meanwhile by another window or the CLI stays.
      const touched = (
        ['alias', 'environment', 'loginUrl', 'username', 'auth', 'clientId', 'callbackPort', 'signedInAt', 'updatedAt', 'previousSecrets', 'certificate', 'certificatePem', 'pendingCertificate', 'pendingCertificatePem', 'group', 'color'] as const
      ).filter((key) => next[key] !== current[key]);
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
      logger.info(TAG, `updated org ${id}${switching ? ` (${from} → ${to})` : ''}`);
      return { org: toSummary(saved), notices };
    },

    async forgetPreviousSecrets(id) {
      const record = findRecord(id);
      const previous = record.previousSecrets;
      if (!previous) return { org: toSummary(record), notices: [] };
      if (!previous.provedAt) throw new OrgKeyError('SWITCH_NOT_PROVED');
      // Never an entry the org's setup uses now, whatever the record says.
      const inUse = secretsInUse(record);
      const kinds = previous.kinds.filter((kind) => !inUse.has(kind));
      // A refresh token is a sign-in at Salesforce: revoked there (best effort), not only forgotten here.
      if (kinds.includes('refreshToken')) {
        await revokeStored({ ...record, ...(previous.clientId ? { clientId: previous.clientId } : {}), loginUrl: previous.loginUrl ?? record.loginUrl });
      }
      await orgSecrets.write(id, Object.fromEntries(kinds.map((kind) => [kind, null])));
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

    confirmSandboxRefresh(id) {
      findRecord(id);
      const at = clock.now().toISOString();
      const doc = settings.update((current) => confirmRefresh(current, id, at));
      const saved = doc.orgs.find((org) => org.id === id);
      if (!saved) throw new OrgKeyError('ORG_NOT_FOUND');
      if (saved.sandboxRefresh?.confirmedAt === at) logger.info(TAG, `org ${id}: confirmed the sandbox refresh to ${saved.sandboxRefresh.toOrgId}`);
      // The store's own copy: the summary would share its nested objects.
      return toSummary(ownCopy<OrgRecord>(saved));
    },

    async remove(id) {
      const record = findRecord(id);
      // A browser sign-in is revoked at Salesforce, not just forgotten here (best effort: offline, it expires by policy).
      if (record.auth === 'browser') await revokeStored(record);
      // Secrets first: if the keychain refuses, the metadata stays so the user can retry and
      // nothing is left in the keychain without an org pointing at it.
      await orgSecrets.removeAll(id);
      settings.update((doc) => ({ ...doc, orgs: doc.orgs.filter((org) => org.id !== id) }));
      // Its last login audit names its users and their addresses: it goes with the org.
      options.keptAudits?.remove(id);
      options.checkHistory?.remove(id);
      logger.info(TAG, `removed org ${id}`);
      return { id };
    },
  };
}

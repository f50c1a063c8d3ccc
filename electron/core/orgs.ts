/**
 * The org registry: metadata in the settings file, secrets in the keychain.
 *
 * Every change re-checks its input with the shared field rules (the renderer's checks are only a
 * courtesy). Adding writes the secrets first and the metadata last, undoing the secrets if the
 * metadata write fails, so a failure never leaves half an org behind.
 */
import { randomUUID } from 'node:crypto';
import type { OrgPatch, OrgDraft } from '../../shared/api';
import type { EnvironmentKind, Notice, OrgDetail, OrgSaved, OrgSummary } from '../../shared/domain';
import {
  checkAlias,
  checkClientId,
  checkClientSecret,
  checkLoginUrl,
  checkPassword,
  checkToken,
  checkUsername,
  type FieldCheck,
} from '../../shared/validation';
import { fieldError, OrgKeyError } from './errors';
import { findOrgRecord, updateOrgRecord } from './org-records';
import type { CorePorts } from './ports';
import { silentLogger } from './ports';
import { accountFor, SECRET_KINDS } from './secrets/accounts';
import type { OrgRecord } from './settings/schema';
import { exportInfo } from './dataloader/status';

const TAG = '[orgs]';

function required<T>(field: string, check: FieldCheck<T>, notices: Notice[]): T {
  if (!check.ok) throw fieldError(field, check.message);
  notices.push(...check.notices);
  return check.value;
}

// One collator for every comparison: localeCompare with options builds a new one per call, which
// made sorting 2,000 orgs take tens of milliseconds.
const aliasOrder = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byAlias = (a: { alias: string }, b: { alias: string }) => aliasOrder.compare(a.alias, b.alias);

function toSummary(record: OrgRecord): OrgSummary {
  return { ...record, dataLoaderExports: record.dataLoaderExports.map((entry) => exportInfo(record, entry)) };
}

export interface OrgRegistry {
  list(): OrgSummary[];
  get(id: string): Promise<OrgDetail>;
  add(draft: OrgDraft): Promise<OrgSaved>;
  update(id: string, patch: OrgPatch): Promise<OrgSaved>;
  remove(id: string): Promise<{ id: string }>;
}

export function createOrgRegistry(ports: CorePorts): OrgRegistry {
  const { settings, secrets, clock } = ports;
  const logger = ports.logger ?? silentLogger;
  const newId = ports.newId ?? randomUUID;

  const findRecord = (id: string) => findOrgRecord(settings, id);

  const assertAliasFree = (alias: string, exceptId?: string) => {
    const clash = settings
      .read()
      .orgs.find((org) => org.id !== exceptId && org.alias.localeCompare(alias, undefined, { sensitivity: 'accent' }) === 0);
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

    async get(id) {
      const record = findRecord(id);
      const [password, token, clientSecret] = await Promise.all(SECRET_KINDS.map((kind) => secrets.get(accountFor(id, kind))));
      const presence = (secret: string | null) => ({ present: !!secret, length: secret?.length ?? 0 });
      return {
        ...toSummary(record),
        secrets: { password: presence(password ?? null), token: presence(token ?? null), clientSecret: presence(clientSecret ?? null) },
      };
    },

    async add(draft) {
      const notices: Notice[] = [];
      const alias = required('alias', checkAlias(draft.alias), notices);
      const loginUrl = checkEnvironment(draft.environment, draft.customUrl, notices);
      const username = required('username', checkUsername(draft.username), notices);
      const password = required('password', checkPassword(draft.password), notices);
      const token = required('token', checkToken(draft.token ?? ''), notices);
      const clientId = required('clientId', checkClientId(draft.clientId ?? ''), notices);
      const clientSecret = required('clientSecret', checkClientSecret(draft.clientSecret ?? '', clientId), notices);
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
        ...(clientId ? { clientId } : {}),
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
        await secrets.set(accountFor(id, 'password'), password);
        written.push(accountFor(id, 'password'));
        for (const [kind, secret] of [['token', token], ['clientSecret', clientSecret]] as const) {
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
      let newClientSecret = '';
      if (patch.clientId !== undefined || patch.clientSecret !== undefined) {
        const clientId = required('clientId', checkClientId(patch.clientId ?? current.clientId ?? ''), notices);
        const given = patch.clientSecret ?? '';
        // A key needs its secret: a new one given now, or the one already in the keychain.
        if (clientId && !given.trim() && !(await secrets.get(accountFor(id, 'clientSecret')))) {
          required('clientSecret', checkClientSecret('', clientId), notices);
        }
        newClientSecret = given.trim() ? required('clientSecret', checkClientSecret(given, clientId), notices) : '';
        if (clientId) next.clientId = clientId;
        else delete next.clientId;
      }
      next.updatedAt = clock.now().toISOString();
      if (newClientSecret) await secrets.set(accountFor(id, 'clientSecret'), newClientSecret);
      if (patch.clientId !== undefined && !next.clientId) await secrets.delete(accountFor(id, 'clientSecret'));
      // Apply only the fields this edit changed to the record as it is now in the file (read under the
      // settings lock), so a test result or export recorded meanwhile by another window or the CLI stays.
      const touched = (['alias', 'environment', 'loginUrl', 'username', 'clientId', 'updatedAt'] as const).filter(
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

    async remove(id) {
      findRecord(id);
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

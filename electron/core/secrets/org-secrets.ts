/**
 * An org's secrets, by kind, over the keychain port: the one way the core reads and writes them.
 *
 * The login secrets share the org's item and the large keys keep their own (org-item.ts), so a
 * test reads one item. A change is a read-modify-write of that item under the keychain lock
 * (keychain-lock.ts), so the app and `orgkey` never drop each other's kind.
 *
 * Before the first keychain call of a process, `tidy` runs when there is work (never otherwise):
 * - **The move to one item per org**, once per data folder (`keychainLayout` in settings.json):
 *   for each org, write its item, read it back, then delete the old items. Stopped anywhere, it
 *   loses nothing and finishes next time: old items are deleted only after the item that replaces
 *   them read back equal, and an item already written wins over old items for the kinds it holds.
 * - **The orphan sweep.** Adding an org records it in `secretsInFlight` (settings.json) before its
 *   first keychain write and drops it in the settings write that adds the org. An entry whose
 *   process is gone (or that is older than any add could take) is an add that stopped between
 *   the two writes: its items are deleted. Entries of running adds are left, so a sweep never
 *   deletes what another process is writing now. Only ids this data folder recorded are swept:
 *   another folder may share the keychain service (`orgkey --data-dir`), so an item no org of this
 *   folder names is not necessarily an orphan.
 */
import os from 'node:os';
import type { SecretKind } from '../../../shared/login-methods';
import type { CorePorts, Logger, SecretStore, SettingsStore } from '../ports';
import { silentLogger } from '../ports';
import type { SettingsDoc } from '../settings/schema';
import { OrgKeyError } from '../errors';
import { isAlive } from '../settings/lock';
import { keychainRemedy } from './keytar-store';
import { accountFor } from './accounts';
import { keychainLock, type KeychainLock } from './keychain-lock';
import { decodeOrgItem, encodeOrgItem, isOwnItemKind, ORG_ITEM_KINDS, orgItemAccount, OWN_ITEM_KINDS, parseAccount, type SecretValues } from './org-item';

const TAG = '[secrets]';

/**
 * An add in flight older than this has stopped, whoever recorded it: an add is a few keychain
 * writes and one settings write (whose lock gives up after 15 s), never minutes.
 */
export const IN_FLIGHT_STALE_MS = 10 * 60_000;

export interface TidyReport {
  /** Old one-secret items moved into their org's item (and then deleted). */
  moved: number;
  /** Items of adds that stopped before their org was saved, deleted. */
  orphans: number;
}

export interface OrgSecrets {
  /** The kinds asked for, reading each item they live in once (one item for the login secrets). */
  read(orgId: string, kinds: readonly SecretKind[]): Promise<SecretValues>;
  get(orgId: string, kind: SecretKind): Promise<string | null>;
  /** Set (a string) or delete (null) kinds, one read-modify-write of each item they live in. */
  write(orgId: string, changes: Partial<Record<SecretKind, string | null>>): Promise<void>;
  /** Delete every item of the org. */
  removeAll(orgId: string): Promise<void>;
  /** The move to one item per org and the orphan sweep, once per process and only when there is any to do. */
  ready(): Promise<void>;
  /** Both, now (see above). */
  tidy(): Promise<TidyReport>;
}

type InFlight = NonNullable<SettingsDoc['secretsInFlight']>[number];

/** The entry an add records before it writes the keychain. */
export function inFlightEntry(orgId: string, now: Date): InFlight {
  return { orgId, pid: process.pid, host: os.hostname(), at: now.toISOString() };
}

export function withInFlight(doc: SettingsDoc, entry: InFlight): SettingsDoc {
  return { ...doc, secretsInFlight: [...(doc.secretsInFlight ?? []).filter((e) => e.orgId !== entry.orgId), entry] };
}

export function withoutInFlight(doc: SettingsDoc, orgIds: readonly string[]): SettingsDoc {
  const { secretsInFlight, ...rest } = doc;
  const left = (secretsInFlight ?? []).filter((entry) => !orgIds.includes(entry.orgId));
  return left.length > 0 ? { ...rest, secretsInFlight: left } : rest;
}

function isStopped(entry: InFlight, now: Date): boolean {
  if (now.getTime() - Date.parse(entry.at) > IN_FLIGHT_STALE_MS) return true;
  // Another machine's process cannot be asked; its entry waits for its age.
  return entry.host === os.hostname() && entry.pid !== process.pid && !isAlive(entry.pid);
}

function needsTidy(doc: SettingsDoc, now: Date): boolean {
  return doc.keychainLayout !== 'org-item' || (doc.secretsInFlight ?? []).some((entry) => isStopped(entry, now));
}

function unsaved(error: unknown): unknown {
  if (!(error instanceof OrgKeyError) || error.appError.code !== 'KEYCHAIN_UNAVAILABLE') return error;
  return new OrgKeyError('KEYCHAIN_UNAVAILABLE', { message: 'The system keychain could not save the secret, so nothing was saved.', remedy: keychainRemedy() }, { cause: error });
}

const stores = new WeakMap<SecretStore, OrgSecrets>();

/** The org secrets over these ports; one per keychain port, so one process's writes share one queue. */
export function orgSecretsOf(ports: Pick<CorePorts, 'secrets' | 'settings' | 'clock' | 'logger' | 'dataDir'>): OrgSecrets {
  let found = stores.get(ports.secrets);
  if (!found) {
    found = createOrgSecrets(ports.secrets, ports.settings, ports.clock, ports.logger ?? silentLogger, keychainLock(ports.dataDir));
    stores.set(ports.secrets, found);
  }
  return found;
}

export function createOrgSecrets(secrets: SecretStore, settings: SettingsStore, clock: { now(): Date }, logger: Logger, lock: KeychainLock): OrgSecrets {
  const itemOf = async (orgId: string) => decodeOrgItem(await secrets.get(orgItemAccount(orgId)));

  /** Write the org's item with `values`; none left deletes it. Under the lock. */
  const putItem = async (orgId: string, values: SecretValues) => {
    if (ORG_ITEM_KINDS.some((kind) => values[kind])) await secrets.set(orgItemAccount(orgId), encodeOrgItem(values));
    else await secrets.delete(orgItemAccount(orgId));
  };

  /** One org's old items into its item: write, read back, then delete the old ones. */
  const moveIntoItem = async (orgId: string, accounts: string[]): Promise<number> =>
    lock(async () => {
      const current = await itemOf(orgId);
      const old: SecretValues = {};
      for (const account of accounts) {
        const value = await secrets.get(account);
        const kind = parseAccount(account)?.kind;
        if (value && kind) old[kind] = value;
      }
      // The item wins: it was written by this build (or by a move that stopped before its deletes).
      const merged = { ...old, ...current };
      if (ORG_ITEM_KINDS.some((kind) => merged[kind] !== current[kind])) {
        await putItem(orgId, merged);
        const back = await itemOf(orgId);
        if (ORG_ITEM_KINDS.some((kind) => back[kind] !== merged[kind])) throw new Error('the keychain did not keep the moved secrets');
      }
      for (const account of accounts) await secrets.delete(account);
      return accounts.length;
    });

  const migrate = async (report: TidyReport) => {
    const doc = settings.read();
    const known = new Set([...doc.orgs.map((org) => org.id), ...(doc.secretsInFlight ?? []).map((entry) => entry.orgId)]);
    const old = new Map<string, string[]>();
    for (const { account } of await secrets.list()) {
      const parsed = parseAccount(account);
      // Only this folder's orgs: another data folder may share the service and keep its own layout.
      if (!parsed?.kind || isOwnItemKind(parsed.kind) || !known.has(parsed.orgId)) continue;
      old.set(parsed.orgId, [...(old.get(parsed.orgId) ?? []), account]);
    }
    for (const [orgId, accounts] of old) report.moved += await moveIntoItem(orgId, accounts);
    settings.update((current) => ({ ...current, keychainLayout: 'org-item' }));
    if (report.moved > 0) logger.info(TAG, `moved ${report.moved} keychain entries into one entry per org (${old.size} orgs)`);
  };

  const sweep = async (report: TidyReport) => {
    const now = clock.now();
    const doc = settings.read();
    const stopped = (doc.secretsInFlight ?? []).filter((entry) => isStopped(entry, now));
    if (stopped.length === 0) return;
    const saved = new Set(doc.orgs.map((org) => org.id));
    for (const { orgId } of stopped) {
      // An org saved already (the add's last write went through) keeps its items.
      if (saved.has(orgId)) continue;
      report.orphans += await lock(async () => {
        let deleted = 0;
        for (const account of [orgItemAccount(orgId), ...OWN_ITEM_KINDS.map((kind) => accountFor(orgId, kind))]) {
          if (await secrets.delete(account)) deleted += 1;
        }
        return deleted;
      });
    }
    const ids = stopped.map((entry) => entry.orgId);
    // Only the entries judged stopped, as they are now in the file: another add may have begun meanwhile.
    settings.update((current) => withoutInFlight(current, ids));
    logger.info(TAG, `removed ${report.orphans} keychain entries of ${stopped.length} org(s) whose adding stopped before the org was saved`);
  };

  const tidy = async (): Promise<TidyReport> => {
    const report: TidyReport = { moved: 0, orphans: 0 };
    if (settings.read().keychainLayout !== 'org-item') await migrate(report);
    await sweep(report);
    return report;
  };

  let ready: Promise<void> | undefined;
  /** `ready` has resolved: a read need not wait for it (see `read`). */
  let isReady = false;
  const prepared = (): Promise<void> => {
    // Async, so a settings file this build cannot read (too new) rejects here instead of throwing.
    ready ??= (async () => {
      if (needsTidy(settings.read(), clock.now())) await tidy();
      isReady = true;
    })().catch((error: unknown) => {
      // Tried again by the next call: a locked keychain may be unlocked by then.
      ready = undefined;
      throw error;
    });
    return ready;
  };

  /** Ask the keychain for the kinds' items now, before returning. */
  const readNow = async (orgId: string, kinds: readonly SecretKind[]): Promise<SecretValues> => {
    const values: SecretValues = {};
    const reads: Array<Promise<void>> = [];
    if (kinds.some((kind) => !isOwnItemKind(kind))) {
      reads.push(
        itemOf(orgId).then((item) => {
          for (const kind of kinds) if (!isOwnItemKind(kind) && item[kind]) values[kind] = item[kind];
        }),
      );
    }
    for (const kind of OWN_ITEM_KINDS) {
      if (!kinds.includes(kind)) continue;
      reads.push(
        secrets.get(accountFor(orgId, kind)).then((value) => {
          if (value) values[kind] = value;
        }),
      );
    }
    await Promise.all(reads);
    return values;
  };

  // Once the keychain is ready, the request leaves before `read` returns: a login asks for its
  // secrets and then writes its reservation synchronously, and only a request already on its way
  // is answered meanwhile (awaiting even a settled `ready` would hold it back until after the write).
  const read = (orgId: string, kinds: readonly SecretKind[]): Promise<SecretValues> => {
    const preparing = prepared();
    return isReady ? readNow(orgId, kinds) : preparing.then(() => readNow(orgId, kinds));
  };

  return {
    read,
    ready: prepared,
    async get(orgId, kind) {
      return (await read(orgId, [kind]))[kind] ?? null;
    },
    async write(orgId, changes) {
      await prepared();
      const entries = Object.entries(changes) as Array<[SecretKind, string | null | undefined]>;
      await lock(async () => {
        if (entries.some(([kind, value]) => !isOwnItemKind(kind) && value !== undefined)) {
          // The read is part of the save: when the keychain refuses it, nothing was saved, and the message says so.
          const item = decodeOrgItem(await secrets.get(orgItemAccount(orgId)).catch((error: unknown) => Promise.reject(unsaved(error))));
          for (const [kind, value] of entries) {
            if (isOwnItemKind(kind) || value === undefined) continue;
            if (value) item[kind] = value;
            else delete item[kind];
          }
          await putItem(orgId, item);
        }
        for (const [kind, value] of entries) {
          if (!isOwnItemKind(kind) || value === undefined) continue;
          if (value) await secrets.set(accountFor(orgId, kind), value);
          else await secrets.delete(accountFor(orgId, kind));
        }
      });
    },
    async removeAll(orgId) {
      await prepared();
      await lock(async () => {
        for (const account of [orgItemAccount(orgId), ...OWN_ITEM_KINDS.map((kind) => accountFor(orgId, kind))]) await secrets.delete(account);
      });
    },
    tidy: async () => {
      const report = await tidy();
      ready = Promise.resolve();
      isReady = true;
      return report;
    },
  };
}

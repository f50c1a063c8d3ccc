import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core';
import { OrgKeyError } from '../../electron/core/errors';
import { createHandlerTable } from '../../electron/handlers';
import { METHOD_NAMES } from '../../shared/methods';
import { memorySecrets, memorySettings } from '../support/memory';

function table() {
  const secrets = memorySecrets();
  const core = createCore({ settings: memorySettings(), secrets, clock: { now: () => new Date() } }, { host: 'browser', version: 'test' });
  return { handlers: createHandlerTable(core), core, secrets };
}

const goodDraft = {
  alias: 'Prod',
  environment: 'production',
  username: 'admin@acme.com',
  password: 'hunter2-secret',
  token: 'AbCdEfGhIjKlMnOpQrStUvWx1',
};

describe('handler table', () => {
  it('has exactly one handler per API method', () => {
    expect(Object.keys(table().handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('answers success in an ok envelope', async () => {
    const { handlers } = table();
    const added = await handlers['orgs.add'](goodDraft);
    expect(added).toMatchObject({ ok: true, value: { org: { alias: 'Prod' } } });
    expect(await handlers['orgs.list'](undefined)).toMatchObject({ ok: true, value: { orgs: [{ alias: 'Prod' }], total: 1 } });
  });

  it('answers the first orgs of the list, in list order, with the count of all', async () => {
    const { handlers } = table();
    for (const alias of ['Charlie', 'alpha', 'Bravo']) await handlers['orgs.add']({ ...goodDraft, alias });
    const all = await handlers['orgs.list'](undefined);
    expect(all).toMatchObject({ ok: true, value: { total: 3 } });
    expect(all.ok && all.value.orgs.map((org) => org.alias)).toEqual(['alpha', 'Bravo', 'Charlie']);
    const first = await handlers['orgs.list']({ first: 2 });
    expect(first.ok && first.value).toEqual({ orgs: all.ok ? all.value.orgs.slice(0, 2) : [], total: 3 });
  });

  it('refuses input of the wrong shape before the core sees it, without echoing the value', async () => {
    const { handlers, core } = table();
    const result = await handlers['orgs.add']({ ...goodDraft, password: 12345678 });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT', field: 'password' }) });
    expect(JSON.stringify(result)).not.toContain('12345678');
    expect(core.orgs.list()).toEqual([]);
  });

  it('refuses unknown fields, so nothing unexpected reaches the settings file', async () => {
    const { handlers } = table();
    const result = await handlers['orgs.add']({ ...goodDraft, isAdmin: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'Unexpected field: isAdmin.' } });
  });

  it('refuses an id that is not an org id', async () => {
    const { handlers } = table();
    expect(await handlers['orgs.get']({ id: '../../etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'id' } });
  });

  it('turns core errors into envelopes with code, message, remedy and field', async () => {
    const { handlers } = table();
    const result = await handlers['orgs.add']({ ...goodDraft, username: 'nobody' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'username', message: expect.stringMatching(/email address/) },
    });
    const missing = await handlers['orgs.get']({ id: '3b241101-e2bb-4255-8caf-4136c566a962' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'ORG_NOT_FOUND', remedy: expect.any(String) } });
  });

  it('hides the text of unexpected errors, which may carry anything', async () => {
    const secrets = memorySecrets();
    secrets.set = async () => {
      throw new Error('backend said: password=hunter2-secret');
    };
    const core = createCore({ settings: memorySettings(), secrets, clock: { now: () => new Date() } }, { host: 'browser', version: 't' });
    const result = await createHandlerTable(core)['orgs.add'](goodDraft);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('passes a keychain failure through with its remedy', async () => {
    const secrets = memorySecrets();
    secrets.set = async () => {
      throw new OrgKeyError('KEYCHAIN_UNAVAILABLE', { remedy: 'Unlock it.' });
    };
    const core = createCore({ settings: memorySettings(), secrets, clock: { now: () => new Date() } }, { host: 'browser', version: 't' });
    expect(await createHandlerTable(core)['orgs.add'](goodDraft)).toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE', remedy: 'Unlock it.' },
    });
  });
});

describe('pasted text', () => {
  // 1.2 MB: a whole mailbox export, not a reset email.
  const huge = `Username: admin@acme.com\n${'\n'.repeat(1_200_000)}Security token (case-sensitive): AbCdEfGhIjKlMnOpQrStUvWx1`;
  const tooLong = {
    ok: false,
    error: { code: 'INVALID_INPUT', field: 'pasted', message: 'This is 1.2 MB; a reset email is a few KB. Paste only the email or the token.' },
  };

  it('is refused past the cap with its size, at the field, by every method that takes it, before the core reads it', async () => {
    const { handlers } = table();
    const added = await handlers['orgs.add'](goodDraft);
    const id = added.ok ? added.value.org.id : '';
    expect(await handlers['tokens.inspect']({ id, pasted: huge })).toEqual(tooLong);
    expect(await handlers['tokens.replace']({ id, pasted: huge, saveAnyway: true })).toEqual(tooLong);
    expect(await handlers['tokens.changePassword']({ id, password: 'n3w-Password', pasted: huge, saveAnyway: true })).toEqual(tooLong);
    expect(await handlers['tokens.inspect']({ id, pasted: 'AbCdEfGhIjKlMnOpQrStUvWx2' })).toMatchObject({ ok: true });
  });

  it('is measured as UTF-8, as a file of it would be', async () => {
    const { handlers } = table();
    const added = await handlers['orgs.add'](goodDraft);
    const id = added.ok ? added.value.org.id : '';
    // Japanese characters: three bytes each. Under the cap the text is read (and has no token).
    expect(await handlers['tokens.inspect']({ id, pasted: 'ユ'.repeat(40_000) })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^No security token found/) } });
    expect(await handlers['tokens.inspect']({ id, pasted: 'ユ'.repeat(150_000) })).toMatchObject({
      ok: false,
      error: { field: 'pasted', message: expect.stringMatching(/^This is 450 KB;/) },
    });
  });
});

describe('file pickers', () => {
  it('say a picker is unavailable when the host has none, so the UI asks for a typed path', async () => {
    const { handlers } = table();
    expect(await handlers['dialogs.pickFolder']({})).toMatchObject({ ok: false, error: { code: 'DIALOG_UNAVAILABLE' } });
  });

  it('pass the host picker’s answer through, null meaning cancelled', async () => {
    const answers: Array<string | null> = ['/home/ana/exports', null];
    const asked: unknown[] = [];
    const pick = async (options: unknown) => (asked.push(options), answers.shift() ?? null);
    const core = createCore(
      { settings: memorySettings(), secrets: memorySecrets(), clock: { now: () => new Date() }, dialogs: { pickFolder: pick, pickFile: pick, pickSaveFile: pick } },
      { host: 'browser', version: 'test' },
    );
    const handlers = createHandlerTable(core);
    expect(await handlers['dialogs.pickFolder']({ title: 'Export to' })).toEqual({ ok: true, value: { path: '/home/ana/exports' } });
    expect(await handlers['dialogs.pickFile']({ defaultPath: '/home/ana/.dataloader' })).toEqual({ ok: true, value: { path: null } });
    answers.push('/home/ana/Prod.crt');
    expect(await handlers['dialogs.pickSaveFile']({ defaultPath: 'Prod.crt' })).toEqual({ ok: true, value: { path: '/home/ana/Prod.crt' } });
    expect(asked).toEqual([{ title: 'Export to' }, { defaultPath: '/home/ana/.dataloader' }, { defaultPath: 'Prod.crt' }]);
    expect(await handlers['dialogs.pickFolder']({ title: 7 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

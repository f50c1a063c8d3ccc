/**
 * The org form's browser-login rules: which fields each login method shows and checks,
 * the draft the wizard sends, and the patch the edit form sends when switching or editing.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_ORG_FORM, callbackUrlOf, checkFields, editFieldsFor, fieldsFor, formFromDetail, stepOfField, toDraft, toPatch, type OrgFormValues } from '../../renderer/lib/orgForm';
import { orgDetail } from '../support/org-record';

const KEY = '3MVG9AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

const browserForm = (overrides: Partial<OrgFormValues> = {}): OrgFormValues => ({
  ...EMPTY_ORG_FORM,
  alias: 'Acme',
  auth: 'browser',
  clientId: KEY,
  ...overrides,
});

const detail = orgDetail;

describe('the add wizard for browser login', () => {
  it('asks for the app instead of secrets, in four steps like the password flow', () => {
    expect(fieldsFor('browser')).toEqual(['alias', 'group', 'environment', 'customUrl', 'color', 'auth', 'username', 'clientId', 'clientSecret', 'callbackPort']);
    expect(stepOfField('callbackPort', 'browser')).toBe(2);
    expect(stepOfField('password', 'browser')).toBeNull();
    expect(stepOfField('password', 'password')).toBe(2);
  });

  it('needs only a consumer key: username and secret are optional, the port defaults to 18717', () => {
    const check = checkFields(browserForm(), fieldsFor('browser'));
    expect(check.errors).toEqual({});
    expect(toDraft(browserForm({ password: 'typed-before-switching' }))).toEqual({
      alias: 'Acme',
      environment: 'production',
      auth: 'browser',
      username: '',
      password: '',
      clientId: KEY,
      callbackPort: 18717,
    });
  });

  it('says what is wrong next to the key, the username and the port', () => {
    const check = checkFields(browserForm({ clientId: '', username: 'admin', callbackPort: '80' }), fieldsFor('browser'));
    expect(check.errors.clientId).toMatch(/consumer key/);
    expect(check.errors.username).toMatch(/email address/);
    expect(check.errors.callbackPort).toMatch(/1024 to 65535/);
    expect(check.firstInvalid).toBe('username');
    expect(checkFields(browserForm({ callbackPort: '17a7' }), ['callbackPort']).errors.callbackPort).toMatch(/whole number/);
  });

  it('shows the callback URL for the port typed, and for the default port while it is not a port', () => {
    expect(callbackUrlOf('8123')).toBe('http://localhost:8123/oauth/callback');
    expect(callbackUrlOf('81')).toBe('http://localhost:18717/oauth/callback');
  });
});

describe('the edit form', () => {
  it('switches a password org to browser login with the key, a secret only when typed, and the port', () => {
    const org = detail();
    const values = { ...formFromDetail(org), auth: 'browser' as const, clientId: KEY, callbackPort: '8123' };
    expect(checkFields(values, editFieldsFor('browser')).errors).toEqual({});
    expect(toPatch(values, org)).toEqual({ auth: 'browser', clientId: KEY, callbackPort: 8123 });
    expect(toPatch({ ...values, clientSecret: 'S3cr3t' }, org)).toMatchObject({ clientSecret: 'S3cr3t' });
  });

  it('sends nothing for an unchanged browser org without a username, and only what changed otherwise', () => {
    const org = detail({ auth: 'browser', username: '', clientId: KEY, callbackPort: 1717, hasToken: false });
    const values = formFromDetail(org);
    expect(values.callbackPort).toBe('1717');
    expect(toPatch(values, org)).toEqual({});
    expect(toPatch({ ...values, callbackPort: '1818' }, org)).toEqual({ callbackPort: 1818 });
    expect(toPatch({ ...values, username: 'me@acme.com' }, org)).toEqual({ username: 'me@acme.com' });
    // Stored without a port of its own: it was set up on 1717, and the form keeps it there.
    const legacy = detail({ auth: 'browser', username: '', clientId: KEY, hasToken: false });
    expect(formFromDetail(legacy).callbackPort).toBe('1717');
    expect(toPatch(formFromDetail(legacy), legacy)).toEqual({});
  });
});

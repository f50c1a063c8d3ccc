/**
 * The org form's rules for the two methods with no person and no password — client credentials and
 * JWT bearer: what each step asks, the My Domain a client-credentials org needs (said next to the
 * field), the draft the wizard sends and the patch of a switch.
 */
import { describe, expect, it } from 'vitest';
import type { OrgDetail } from '../../shared/domain';
import { EMPTY_ORG_FORM, WIZARD_STEPS_BY_AUTH, checkFields, editFieldsFor, fieldsFor, formFromDetail, stepOfField, toDraft, toPatch, type OrgFormValues } from '../../renderer/lib/orgForm';
import { orgDetail } from '../support/org-record';

const KEY = '3MVG9AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const MY_DOMAIN = 'https://acme.my.salesforce.com';

const form = (overrides: Partial<OrgFormValues>): OrgFormValues => ({ ...EMPTY_ORG_FORM, alias: 'Acme', ...overrides });
const cc = (overrides: Partial<OrgFormValues> = {}) => form({ auth: 'client-credentials', environment: 'custom', customUrl: MY_DOMAIN, clientId: KEY, clientSecret: 'S3cr3t', ...overrides });
const jwt = (overrides: Partial<OrgFormValues> = {}) => form({ auth: 'jwt', username: 'etl@acme.com', clientId: KEY, ...overrides });

const detail = (overrides: Partial<OrgDetail> = {}): OrgDetail => orgDetail({ environment: 'custom', loginUrl: MY_DOMAIN, ...overrides });

describe('the wizard for client credentials and JWT bearer', () => {
  it('keeps four steps for every method, so “Step n of 4” never changes under the user', () => {
    for (const steps of Object.values(WIZARD_STEPS_BY_AUTH)) expect(steps.map((step) => step.title)).toHaveLength(4);
    expect(fieldsFor('client-credentials')).toEqual(['alias', 'group', 'environment', 'customUrl', 'color', 'auth', 'clientId', 'clientSecret']);
    expect(fieldsFor('jwt')).toEqual(['alias', 'group', 'environment', 'customUrl', 'color', 'auth', 'username', 'clientId']);
    expect(stepOfField('clientSecret', 'client-credentials')).toBe(2);
    expect(stepOfField('username', 'client-credentials')).toBeNull();
    expect(stepOfField('username', 'jwt')).toBe(1);
  });

  it('needs the My Domain URL for client credentials, and says why next to the environment or the URL', () => {
    const production = checkFields(cc({ environment: 'production' }), fieldsFor('client-credentials'));
    expect(production.firstInvalid).toBe('environment');
    expect(production.errors.environment).toMatch(/^Choose “My Domain URL” .*request not supported on this domain/);
    const generic = checkFields(cc({ customUrl: 'https://test.salesforce.com/' }), ['customUrl']);
    expect(generic.errors.customUrl).toMatch(/^Enter the org’s own My Domain URL, .*request not supported on this domain/);
    expect(checkFields(cc(), fieldsFor('client-credentials')).errors).toEqual({});
    // Other methods may log in on the standard hosts.
    expect(checkFields(jwt({ environment: 'production' }), fieldsFor('jwt')).errors).toEqual({});
  });

  it('asks for the key and the secret of a client-credentials app, and the user and key of a JWT one', () => {
    const check = checkFields(cc({ clientId: '', clientSecret: '' }), fieldsFor('client-credentials'));
    expect(check.errors.clientId).toMatch(/consumer key of the External Client App/);
    expect(checkFields(cc({ clientSecret: '' }), ['clientSecret']).errors.clientSecret).toMatch(/consumer secret/);
    const jwtCheck = checkFields(jwt({ username: '', clientId: '' }), fieldsFor('jwt'));
    expect(Object.keys(jwtCheck.errors)).toEqual(['username', 'clientId']);
  });

  it('sends only the chosen method’s fields, whatever other steps held', () => {
    expect(toDraft(cc({ username: 'typed@acme.com', password: 'typed-before-switching', token: 'T0k' }))).toEqual({
      alias: 'Acme',
      environment: 'custom',
      customUrl: MY_DOMAIN,
      auth: 'client-credentials',
      username: '',
      password: '',
      clientId: KEY,
      clientSecret: 'S3cr3t',
    });
    expect(toDraft(jwt({ password: 'typed-before-switching', clientSecret: 'unused' }))).toEqual({
      alias: 'Acme',
      environment: 'production',
      auth: 'jwt',
      username: 'etl@acme.com',
      password: '',
      clientId: KEY,
    });
  });
});

describe('the edit form switching to them', () => {
  it('switches a password org to client credentials with the app’s key and secret, and no username', () => {
    const org = detail();
    expect(editFieldsFor('client-credentials')).toEqual(['alias', 'group', 'environment', 'customUrl', 'color', 'auth', 'clientId', 'clientSecret']);
    const values = { ...formFromDetail(org), auth: 'client-credentials' as const, clientId: KEY, clientSecret: 'S3cr3t' };
    expect(checkFields(values, editFieldsFor('client-credentials')).errors).toEqual({});
    expect(toPatch(values, org)).toEqual({ auth: 'client-credentials', clientId: KEY, clientSecret: 'S3cr3t' });
  });

  it('switches to JWT with the username and key, never a secret', () => {
    const org = detail({ environment: 'production', loginUrl: 'https://login.salesforce.com' });
    const values = { ...formFromDetail(org), auth: 'jwt' as const, clientId: KEY, clientSecret: 'left-over', username: 'etl@acme.com' };
    expect(toPatch(values, org)).toEqual({ auth: 'jwt', clientId: KEY, username: 'etl@acme.com' });
  });

  it('sends nothing for an unchanged client-credentials org, whose username a test learnt', () => {
    const org = detail({ auth: 'client-credentials', username: 'integration@acme.com', clientId: KEY, hasToken: false });
    expect(toPatch(formFromDetail(org), org)).toEqual({});
    expect(checkFields(formFromDetail(org), editFieldsFor('client-credentials'), { keepsClientSecret: true }).errors).toEqual({});
  });
});

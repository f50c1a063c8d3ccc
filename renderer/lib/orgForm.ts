/**
 * The org form's fields, which wizard step holds each, and how they are checked.
 *
 * The checks are the shared ones from `shared/validation.ts`, so the renderer says exactly what
 * main would say; main still runs them again and stays the authority.
 */
import type { OrgDraft, OrgPatch } from '../../shared/api';
import { callbackPortFor, callbackUrlFor, DEFAULT_CALLBACK_PORT, type AuthMethod, type EnvironmentKind, type Notice, type OrgDetail } from '../../shared/domain';
import { loginMethodOf } from '../../shared/login-methods';
import {
  checkAlias,
  checkBrowserClientId,
  checkCallbackPort,
  checkClientId,
  checkClientSecret,
  checkGroup,
  checkLoginUrl,
  checkLoginUrlFor,
  checkOrgColor,
  checkPassword,
  checkToken,
  checkUsername,
  type FieldCheck,
} from '../../shared/validation';

export const ORG_FIELDS = [
  'alias',
  'group',
  'environment',
  'customUrl',
  'auth',
  'username',
  'password',
  'token',
  'clientId',
  'clientSecret',
  'callbackPort',
  'color',
] as const;
export type OrgFieldName = (typeof ORG_FIELDS)[number];

/** Everything the user has typed, kept as typed until saving (nothing is lost on Back/Next). */
export interface OrgFormValues {
  alias: string;
  environment: EnvironmentKind;
  customUrl: string;
  /** How OrgKey logs in: password + security token, Browser login, client credentials or JWT bearer. */
  auth: AuthMethod;
  /**
   * Password and JWT orgs: required (JWT: the user the assertion names). Browser orgs: optional, it
   * only prefills the login page. Client-credentials orgs: not asked, a test learns the Run As user.
   */
  username: string;
  password: string;
  token: string;
  /**
   * Password orgs: a connected app's consumer key (empty means SOAP login()).
   * Browser, client-credentials and JWT orgs: the External Client App's consumer key (required).
   */
  clientId: string;
  /** Its consumer secret; in the edit form, empty keeps the stored one. */
  clientSecret: string;
  /** Browser orgs: the loopback port of the callback URL, as typed (a half-typed number is not lost). */
  callbackPort: string;
  /** The group to file the org under, as typed; empty: none. */
  group: string;
  /** The colour chosen (`#rrggbb`); empty: the environment's default (shared/org-colors.ts). */
  color: string;
}

export type FieldErrors = Partial<Record<OrgFieldName, string>>;

export const EMPTY_ORG_FORM: OrgFormValues = {
  alias: '',
  environment: 'production',
  customUrl: '',
  auth: 'password',
  username: '',
  password: '',
  token: '',
  clientId: '',
  clientSecret: '',
  callbackPort: String(DEFAULT_CALLBACK_PORT),
  group: '',
  color: '',
};

/**
 * The id of the control for a field; the message under it is `${field}-error`.
 *
 * For the environment radio group this is the checked radio, the one focus belongs on.
 */
export function inputIdOf(field: OrgFieldName | (string & {}), environment: EnvironmentKind = 'production', auth: AuthMethod = 'password'): string {
  // The colour is a radio group too; its first choice (the default) is `field-color` (components/ColorField.tsx).
  if (field === 'environment') return `env-${environment}`;
  if (field === 'auth') return `auth-${auth}`;
  return `field-${field}`;
}

export interface WizardStep {
  title: string;
  /** One line under the step heading. */
  lead: string;
  fields: readonly OrgFieldName[];
}

const WHERE_STEP: WizardStep = {
  title: 'Where',
  lead: 'Name the org, file it under a group if you like, and choose where and how it logs in.',
  fields: ['alias', 'group', 'environment', 'customUrl', 'color', 'auth'],
};
const REVIEW_STEP: WizardStep = { title: 'Review', lead: 'Check the details, then save.', fields: [] };

/** The wizard's steps for each way of logging in; both have four, so "Step n of 4" never changes under the user. */
export const WIZARD_STEPS_BY_AUTH: Record<AuthMethod, readonly WizardStep[]> = {
  password: [
    WHERE_STEP,
    { title: 'Who', lead: 'The Salesforce user OrgKey signs in as.', fields: ['username'] },
    { title: 'Secrets', lead: 'Kept in the system keychain, never in a file.', fields: ['password', 'token', 'clientId', 'clientSecret'] },
    REVIEW_STEP,
  ],
  browser: [
    WHERE_STEP,
    { title: 'Who', lead: 'Optional: whoever signs in in the browser is the user OrgKey connects as.', fields: ['username'] },
    { title: 'App', lead: 'The External Client App (or connected app) OrgKey signs in through.', fields: ['clientId', 'clientSecret', 'callbackPort'] },
    REVIEW_STEP,
  ],
  'client-credentials': [
    WHERE_STEP,
    { title: 'Who', lead: 'Nobody types a password: Salesforce logs in as the app’s Run As user, and a test shows who that is.', fields: [] },
    { title: 'App', lead: 'The External Client App with the client credentials flow enabled. Its consumer secret is kept in the system keychain.', fields: ['clientId', 'clientSecret'] },
    REVIEW_STEP,
  ],
  jwt: [
    WHERE_STEP,
    { title: 'Who', lead: 'The Salesforce user the app’s JWT bearer flow logs in as (pre-authorized in the app).', fields: ['username'] },
    { title: 'App', lead: 'The External Client App with the JWT bearer flow enabled. OrgKey makes the key and certificate when you save.', fields: ['clientId'] },
    REVIEW_STEP,
  ],
};

/** The wizard step that holds a field, or null for a field no step shows (e.g. `id`). */
export function stepOfField(field: string | undefined, auth: AuthMethod = 'password'): number | null {
  if (!field) return null;
  const index = WIZARD_STEPS_BY_AUTH[auth].findIndex((step) => (step.fields as readonly string[]).includes(field));
  return index === -1 ? null : index;
}

/** The fields a form for this login method shows, in form order (the wizard's, or the edit form's). */
export function fieldsFor(auth: AuthMethod): readonly OrgFieldName[] {
  return WIZARD_STEPS_BY_AUTH[auth].flatMap((step) => step.fields);
}

export function isOrgField(field: string | undefined): field is OrgFieldName {
  return (ORG_FIELDS as readonly (string | undefined)[]).includes(field);
}

export interface FieldsCheck {
  errors: FieldErrors;
  /** Non-blocking warnings, e.g. a login host outside Salesforce's domains. */
  notices: Notice[];
  /** The first field with an error, in form order: where focus goes. */
  firstInvalid: OrgFieldName | null;
}

export interface CheckOptions {
  /** Editing an org that has a consumer secret stored: an empty secret field keeps it. */
  keepsClientSecret?: boolean;
}

/** The callback URL for what is in the port field now, or for the default port while it is not a port. */
export function callbackUrlOf(portText: string): string {
  const port = checkPortText(portText);
  return callbackUrlFor(port.ok ? port.value : DEFAULT_CALLBACK_PORT);
}

/** The callback port as typed: a whole number, 1024–65535 (checked by the shared rule). */
export function checkPortText(raw: string): FieldCheck<number> {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return checkCallbackPort(Number.NaN);
  return checkCallbackPort(Number(text));
}

/** Check the given fields with the shared rules; fields are reported in the order given. */
export function checkFields(values: OrgFormValues, fields: readonly OrgFieldName[], options: CheckOptions = {}): FieldsCheck {
  const errors: FieldErrors = {};
  const notices: Notice[] = [];
  for (const field of fields) {
    const check = checkOne(values, field, options);
    if (!check) continue;
    if (check.ok) notices.push(...check.notices);
    else errors[field] = check.message;
  }
  const firstInvalid = fields.find((field) => errors[field] !== undefined) ?? null;
  return { errors, notices, firstInvalid };
}

/**
 * The environment or URL check of a method that needs the org's My Domain (client credentials),
 * with main's own words (`checkLoginUrlFor`); null when that field is fine for the method.
 */
function checkMyDomainFor(values: Pick<OrgFormValues, 'auth' | 'environment' | 'customUrl'>, field: 'environment' | 'customUrl'): FieldCheck<string> | null {
  const check = checkLoginUrlFor(values.auth, values.environment, values.customUrl);
  if (field === 'environment') return !check.ok && check.field === 'environment' ? check : null;
  return values.environment === 'custom' ? check : null;
}

/** The consumer key rule of a method: optional for the password flow, required wherever an External Client App is the way in. */
const checkKeyFor = (auth: AuthMethod, raw: string) => (loginMethodOf(auth).needs.clientId === 'required' ? checkBrowserClientId(raw) : checkClientId(raw));

function checkOne(values: OrgFormValues, field: OrgFieldName, options: CheckOptions) {
  const needs = loginMethodOf(values.auth).needs;
  switch (field) {
    case 'alias':
      return checkAlias(values.alias);
    case 'environment':
      return checkMyDomainFor(values, 'environment');
    case 'customUrl': {
      // The URL only matters for My Domain; the two standard hosts need no input.
      return checkMyDomainFor(values, 'customUrl');
    }
    case 'username':
      if (needs.username === 'no') return null;
      // A browser org learns its username from the sign-in; one typed now only prefills the login page.
      return needs.username === 'optional' && !values.username.trim() ? null : checkUsername(values.username);
    case 'password':
      return needs.password === 'no' ? null : checkPassword(values.password);
    case 'token':
      return needs.token === 'no' ? null : checkToken(values.token);
    case 'clientId':
      return needs.clientId === 'no' ? null : checkKeyFor(values.auth, values.clientId);
    case 'clientSecret': {
      if (needs.clientSecret === 'no') return null;
      if (options.keepsClientSecret && !values.clientSecret.trim()) return null;
      const clientId = checkKeyFor(values.auth, values.clientId);
      // A bad key is reported on its own field; the secret is only checked against a good one.
      // Browser login needs a secret only when the app requires one for the web server or refresh token flow.
      return clientId.ok ? checkClientSecret(values.clientSecret, clientId.value, { required: needs.clientSecret !== 'optional' }) : null;
    }
    case 'callbackPort':
      return needs.callbackPort ? checkPortText(values.callbackPort) : null;
    case 'group':
      return checkGroup(values.group);
    case 'color':
      return checkOrgColor(values.color);
    case 'auth':
      return null;
  }
}

const whereOf = (values: OrgFormValues) => ({
  alias: values.alias,
  environment: values.environment,
  ...(values.environment === 'custom' ? { customUrl: values.customUrl } : {}),
  ...(values.group.trim() ? { group: values.group } : {}),
  ...(values.color ? { color: values.color } : {}),
});

/** The draft for `orgs.add`, as typed: main trims and normalises with the same rules. */
export function toDraft(values: OrgFormValues): OrgDraft {
  // Only the chosen method's fields are sent: what other methods' steps held stays in the form.
  if (values.auth === 'client-credentials') {
    return { ...whereOf(values), auth: 'client-credentials', username: '', password: '', clientId: values.clientId.trim(), clientSecret: values.clientSecret.trim() };
  }
  if (values.auth === 'jwt') {
    return { ...whereOf(values), auth: 'jwt', username: values.username.trim(), password: '', clientId: values.clientId.trim() };
  }
  if (values.auth === 'browser') {
    const port = checkPortText(values.callbackPort);
    const clientSecret = values.clientSecret.trim();
    return {
      ...whereOf(values),
      auth: 'browser',
      username: values.username.trim(),
      // Browser login keeps no password or token: whatever the password steps held is not sent.
      password: '',
      clientId: values.clientId.trim(),
      ...(clientSecret ? { clientSecret } : {}),
      callbackPort: port.ok ? port.value : Number(values.callbackPort),
    };
  }
  const token = values.token.trim();
  const clientId = values.clientId.trim();
  return {
    ...whereOf(values),
    username: values.username,
    password: values.password,
    ...(token ? { token } : {}),
    // Without a key there is no OAuth login, so a secret typed anyway is not kept.
    ...(clientId ? { clientId, clientSecret: values.clientSecret } : {}),
  };
}

/** The form values for editing an existing org (password and token are not edited here). */
export function formFromDetail(org: OrgDetail): OrgFormValues {
  return {
    ...EMPTY_ORG_FORM,
    alias: org.alias,
    environment: org.environment,
    customUrl: org.environment === 'custom' ? org.loginUrl : '',
    auth: org.auth,
    username: org.username,
    clientId: org.clientId ?? '',
    callbackPort: String(callbackPortFor(org)),
    group: org.group ?? '',
    color: org.colorIsDefault ? '' : org.color,
  };
}

/** The fields the edit form shows and checks for a login method (password and token are changed elsewhere). */
export function editFieldsFor(auth: AuthMethod): readonly OrgFieldName[] {
  return fieldsFor(auth).filter((field) => field !== 'password' && field !== 'token');
}

/**
 * Only what changed, so an untouched My Domain URL is not re-checked (and re-warned about) on save.
 * Empty when nothing changed.
 */
export function toPatch(values: OrgFormValues, org: OrgDetail): OrgPatch {
  const patch: OrgPatch = {};
  const needs = loginMethodOf(values.auth).needs;
  const alias = checkAlias(values.alias);
  if (!alias.ok || alias.value !== org.alias) patch.alias = values.alias;
  const url = checkLoginUrl(values.environment, values.customUrl);
  if (values.environment !== org.environment || !url.ok || url.value !== org.loginUrl) {
    patch.environment = values.environment;
    if (values.environment === 'custom') patch.customUrl = values.customUrl;
  }
  const group = checkGroup(values.group);
  if (!group.ok || group.value !== (org.group ?? '')) patch.group = values.group;
  if (values.color !== (org.colorIsDefault ? '' : org.color)) patch.color = values.color;
  const switching = values.auth !== org.auth;
  if (switching) patch.auth = values.auth;
  const username = checkUsername(values.username);
  // A browser org's username only prefills the login page: an empty field leaves it as it is. A
  // client-credentials org's is the Run As user a test learnt, never typed.
  const usernameGiven = needs.username === 'required' || (needs.username === 'optional' && values.username.trim() !== '');
  if (usernameGiven && (!username.ok || username.value !== org.username)) patch.username = values.username;
  const clientId = checkKeyFor(values.auth, values.clientId);
  if (switching || !clientId.ok || clientId.value !== (org.clientId ?? '')) patch.clientId = values.clientId.trim();
  // Empty keeps the stored secret; without a key (SOAP login) or for JWT a secret has no use.
  if (needs.clientSecret !== 'no' && values.clientSecret.trim() && values.clientId.trim()) patch.clientSecret = values.clientSecret;
  if (needs.callbackPort) {
    const port = checkPortText(values.callbackPort);
    if (switching || !port.ok || port.value !== callbackPortFor(org)) {
      patch.callbackPort = port.ok ? port.value : Number(values.callbackPort);
    }
  }
  return patch;
}

/**
 * The org form's fields, which wizard step holds each, and how they are checked.
 *
 * The checks are the shared ones from `shared/validation.ts`, so the renderer says exactly what
 * main would say; main still runs them again and stays the authority.
 */
import type { OrgDraft, OrgPatch } from '../../shared/api';
import type { EnvironmentKind, Notice, OrgDetail } from '../../shared/domain';
import {
  checkAlias,
  checkClientId,
  checkClientSecret,
  checkLoginUrl,
  checkPassword,
  checkToken,
  checkUsername,
} from '../../shared/validation';

export const ORG_FIELDS = ['alias', 'environment', 'customUrl', 'username', 'password', 'token', 'clientId', 'clientSecret'] as const;
export type OrgFieldName = (typeof ORG_FIELDS)[number];

/** Everything the user has typed, kept as typed until saving (nothing is lost on Back/Next). */
export interface OrgFormValues {
  alias: string;
  environment: EnvironmentKind;
  customUrl: string;
  username: string;
  password: string;
  token: string;
  /** A connected app's consumer key: empty means SOAP login(). */
  clientId: string;
  /** Its consumer secret; in the edit form, empty keeps the stored one. */
  clientSecret: string;
}

export type FieldErrors = Partial<Record<OrgFieldName, string>>;

export const EMPTY_ORG_FORM: OrgFormValues = {
  alias: '',
  environment: 'production',
  customUrl: '',
  username: '',
  password: '',
  token: '',
  clientId: '',
  clientSecret: '',
};

/**
 * The id of the control for a field; the message under it is `${field}-error`.
 *
 * For the environment radio group this is the checked radio, the one focus belongs on.
 */
export function inputIdOf(field: OrgFieldName | (string & {}), environment: EnvironmentKind = 'production'): string {
  return field === 'environment' ? `env-${environment}` : `field-${field}`;
}

export interface WizardStep {
  title: string;
  /** One line under the step heading. */
  lead: string;
  fields: readonly OrgFieldName[];
}

export const WIZARD_STEPS: readonly WizardStep[] = [
  { title: 'Where', lead: 'Name the org and choose where it logs in.', fields: ['alias', 'environment', 'customUrl'] },
  { title: 'Who', lead: 'The Salesforce user OrgKey signs in as.', fields: ['username'] },
  { title: 'Secrets', lead: 'Kept in the system keychain, never in a file.', fields: ['password', 'token', 'clientId', 'clientSecret'] },
  { title: 'Review', lead: 'Check the details, then save.', fields: [] },
];

/** The wizard step that holds a field, or null for a field no step shows (e.g. `id`). */
export function stepOfField(field: string | undefined): number | null {
  if (!field) return null;
  const index = WIZARD_STEPS.findIndex((step) => (step.fields as readonly string[]).includes(field));
  return index === -1 ? null : index;
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

function checkOne(values: OrgFormValues, field: OrgFieldName, options: CheckOptions) {
  switch (field) {
    case 'alias':
      return checkAlias(values.alias);
    case 'customUrl':
      // The URL only matters for My Domain; the two standard hosts need no input.
      return values.environment === 'custom' ? checkLoginUrl('custom', values.customUrl) : null;
    case 'username':
      return checkUsername(values.username);
    case 'password':
      return checkPassword(values.password);
    case 'token':
      return checkToken(values.token);
    case 'clientId':
      return checkClientId(values.clientId);
    case 'clientSecret': {
      if (options.keepsClientSecret && !values.clientSecret.trim()) return null;
      const clientId = checkClientId(values.clientId);
      // A bad key is reported on its own field; the secret is only checked against a good one.
      return clientId.ok ? checkClientSecret(values.clientSecret, clientId.value) : null;
    }
    case 'environment':
      return null;
  }
}

/** The draft for `orgs.add`, as typed: main trims and normalises with the same rules. */
export function toDraft(values: OrgFormValues): OrgDraft {
  const token = values.token.trim();
  const clientId = values.clientId.trim();
  return {
    alias: values.alias,
    environment: values.environment,
    ...(values.environment === 'custom' ? { customUrl: values.customUrl } : {}),
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
    username: org.username,
    clientId: org.clientId ?? '',
  };
}

/**
 * Only what changed, so an untouched My Domain URL is not re-checked (and re-warned about) on save.
 * Empty when nothing changed.
 */
export function toPatch(values: OrgFormValues, org: OrgDetail): OrgPatch {
  const patch: OrgPatch = {};
  const alias = checkAlias(values.alias);
  if (!alias.ok || alias.value !== org.alias) patch.alias = values.alias;
  const url = checkLoginUrl(values.environment, values.customUrl);
  if (values.environment !== org.environment || !url.ok || url.value !== org.loginUrl) {
    patch.environment = values.environment;
    if (values.environment === 'custom') patch.customUrl = values.customUrl;
  }
  const username = checkUsername(values.username);
  if (!username.ok || username.value !== org.username) patch.username = values.username;
  const clientId = checkClientId(values.clientId);
  if (!clientId.ok || clientId.value !== (org.clientId ?? '')) patch.clientId = values.clientId.trim();
  // Empty keeps the stored secret; no key means SOAP login, where a secret has no use.
  if (values.clientSecret.trim() && values.clientId.trim()) patch.clientSecret = values.clientSecret;
  return patch;
}

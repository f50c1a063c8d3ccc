/**
 * The default data the fake org starts with, and the checks any seed must pass.
 *
 * One production org and its full-copy sandbox ("UAT": sandbox usernames end in `.uat`, as
 * Salesforce appends the sandbox name), so every login class OrgKey must explain has a user.
 */
import { CALLBACK_URL_RULE, DEFAULT_CALLBACK_URLS, isCallbackUrl } from './apps';
import { parseCertificate } from './certificates';
import { SECURITY_TOKEN_LENGTH } from './ids';
import { type FakeOrgSeed, type OAuthApp, type OrgSettings, type SeedUser } from './model';

/** Settings of an org created before Summer '23, when SOAP login and the password flow were on. */
function legacySettings(): OrgSettings {
  return {
    trustedIpRanges: [],
    soapLoginEnabled: true,
    enforceUseAnyApiAuth: false,
    apiEnabled: true,
    passwordFlowAllowed: true,
    passwordFlowRetired: false,
    maxLoginAttempts: 10,
    lockoutMinutes: 15,
    // Salesforce's default "User passwords expire in": 90 days.
    passwordExpiryDays: 90,
  };
}

/**
 * OAuth policies of the seed's apps: the loopback callbacks, no secret needed for the web-server
 * and refresh flows (a desktop app can't keep one, PKCE protects it instead), no refresh-token
 * rotation, refresh tokens valid until revoked and every user may self-authorize (Salesforce's
 * default policies); neither the client credentials flow nor the JWT bearer flow is set up.
 */
function publicClientPolicies(): Pick<
  OAuthApp,
  | 'requireSecret'
  | 'requireSecretForRefresh'
  | 'rotateRefreshTokens'
  | 'callbackUrls'
  | 'refreshTokenValidityMinutes'
  | 'permittedUsers'
  | 'preApprovedUsers'
  | 'notApprovedError'
  | 'clientCredentialsUser'
  | 'certificate'
> {
  return {
    requireSecret: false,
    requireSecretForRefresh: false,
    rotateRefreshTokens: false,
    callbackUrls: [...DEFAULT_CALLBACK_URLS],
    refreshTokenValidityMinutes: null,
    permittedUsers: 'all',
    preApprovedUsers: [],
    notApprovedError: 'invalid_grant',
    clientCredentialsUser: null,
    certificate: null,
  };
}

const ACTIVE_API_USER = { passwordExpired: false, apiEnabled: true, useAnyApiAuth: true, viewSetup: true, frozen: false };

function productionUsers(): SeedUser[] {
  const admin = { profileId: '00e5g000001SyAd', profileName: 'System Administrator' };
  const standard = { profileId: '00e5g000001StdU', profileName: 'Standard User' };
  return [
    {
      id: '0055g00000Adm1n',
      username: 'admin@acme.example',
      firstName: 'Avery',
      lastName: 'Admin',
      email: 'avery.admin@acme.example',
      ...admin,
      password: 'Harbor-Sunrise-2024',
      token: 'Xq7pLm2RvT9sKd4NbW8cYh3Jf',
      ...ACTIVE_API_USER,
      manageUsers: true,
      modifyAllData: true,
      passwordChangedDaysAgo: 20,
    },
    {
      id: '0055g00000ExP1r',
      username: 'expired.user@acme.example',
      firstName: 'Jordan',
      lastName: 'Lee',
      email: 'jordan.lee@acme.example',
      ...standard,
      password: 'Autumn-Leaves-2023',
      token: 'Gh5TzQ1wEr8YuI2oPa6SdF3gK',
      ...ACTIVE_API_USER,
      passwordExpired: true,
      passwordChangedDaysAgo: 120,
    },
    {
      id: '0055g00000N0Api',
      username: 'no.api@acme.example',
      firstName: 'Riley',
      lastName: 'Chen',
      email: 'riley.chen@acme.example',
      ...standard,
      password: 'Meadow-Lantern-2024',
      token: 'Lk9JhG7fDs5AqW3eRt1YuI8oP',
      ...ACTIVE_API_USER,
      apiEnabled: false,
      useAnyApiAuth: false,
      passwordChangedDaysAgo: 10,
    },
  ];
}

function sandboxUsers(): SeedUser[] {
  return [
    {
      id: '0051k000001Adm1',
      username: 'admin@acme.example.uat',
      firstName: 'Avery',
      lastName: 'Admin',
      email: 'avery.admin@acme.example',
      profileId: '00e1k000001SyAd',
      profileName: 'System Administrator',
      password: 'Harbor-Sandbox-2024',
      token: 'Zx4CvB6nM8aS0dF2gH4jK6lQw',
      ...ACTIVE_API_USER,
      manageUsers: true,
      modifyAllData: true,
      // A sandbox user's password is its production counterpart's of the last refresh day.
      passwordChangedDaysAgo: 20,
    },
  ];
}

/** A fresh copy of the default seed; change it freely before passing it to `startFakeOrg`. */
export function defaultSeed(): FakeOrgSeed {
  return {
    orgs: [
      {
        id: '00D5g00000AcmP1',
        name: 'Acme Corporation',
        sandbox: false,
        instanceName: 'NA224',
        organizationType: 'Enterprise Edition',
        settings: legacySettings(),
        connectedApp: {
          name: 'OrgKey Integration',
          clientId: '3MVG9AcmeProdFakeOrg0wJ5qL8xZ1nR4tY7uI0oP3aS6dF9gH2jK5lZ8xC1vB4nM7qW0eR3tY6uI9oP2aS5d',
          clientSecret: 'A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90',
          ...publicClientPolicies(),
        },
        externalClientApps: [
          {
            name: 'OrgKey Browser Login',
            clientId: '3MVG9AcmeProdFakeEca3YjwZVQNTPzkIVag3rfCdjlCChL0MdpiydA3KQufbjiOSWxBHuJl5oZ05OkqlvH6Y',
            clientSecret: '34F7284A207E2B4F866CAD7A78C31BB30C1424DE27DF5942E3F698F182C4322C',
            ...publicClientPolicies(),
          },
        ],
        users: productionUsers(),
      },
      {
        id: '00D1k0000008UaT',
        // A sandbox copies its production org's name and edition; IsSandbox tells them apart.
        name: 'Acme Corporation',
        sandbox: true,
        instanceName: 'CS221',
        organizationType: 'Enterprise Edition',
        settings: legacySettings(),
        connectedApp: {
          name: 'OrgKey Integration',
          clientId: '3MVG9AcmeUatFakeOrg7hG5fD3sA1qW9eR7tY5uI3oP1aS9dF7gH5jK3lZ1xC9vB7nM5qW3eR1tY9uI7oP5aS3',
          clientSecret: 'F0E1D2C3B4A5968778695A4B3C2D1E0FF0E1D2C3B4A5968778695A4B3C2D1E0F',
          ...publicClientPolicies(),
        },
        externalClientApps: [
          {
            name: 'OrgKey Browser Login',
            clientId: '3MVG9AcmeUatFakeEcaasgNg5Q6JXYYpDca8UUWAahMKm0pp4b6InACRMSSKkwuFFLKkXaibbUcOmXwdtRT3U',
            clientSecret: '2404F52BCCCE55BFEFC1B61F04FC60B93A82DE8951B674D396F3336394C95D81',
            ...publicClientPolicies(),
          },
        ],
        users: sandboxUsers(),
      },
    ],
  };
}

/** Throws a readable error when a seed could not behave like Salesforce. */
export function validateSeed(seed: FakeOrgSeed): void {
  const usernames = new Set<string>();
  const clientIds = new Set<string>();
  for (const org of seed.orgs) {
    requireId(org.id, '00D', `org ${org.name}`);
    for (const app of [org.connectedApp, ...org.externalClientApps]) {
      // Consumer keys are unique across all of Salesforce: the token endpoint finds the org by them.
      if (clientIds.has(app.clientId)) throw new Error(`Seed: client id of ${app.name} in ${org.name} is used twice`);
      clientIds.add(app.clientId);
      const badUrl = app.callbackUrls.find((url) => !isCallbackUrl(url));
      if (badUrl !== undefined) throw new Error(`Seed: callback URL ${badUrl} of ${app.name} ${CALLBACK_URL_RULE}`);
      const runAs = app.clientCredentialsUser?.toLowerCase();
      if (runAs !== undefined && !org.users.some((user) => user.username.toLowerCase() === runAs)) {
        throw new Error(`Seed: the client credentials user of ${app.name} must be a user of ${org.name}`);
      }
      const certificate = app.certificate === null ? null : parseCertificate(app.certificate);
      if (certificate && 'problem' in certificate) throw new Error(`Seed: the certificate of ${app.name} ${certificate.problem}`);
    }
    for (const user of org.users) {
      requireId(user.id, '005', `user ${user.username}`);
      const key = user.username.toLowerCase();
      // Usernames are unique across all of Salesforce, compared without regard to case.
      if (usernames.has(key)) throw new Error(`Seed: username ${user.username} is used twice`);
      usernames.add(key);
      if (!new RegExp(`^[A-Za-z0-9]{${SECURITY_TOKEN_LENGTH}}$`).test(user.token)) {
        throw new Error(`Seed: token of ${user.username} must be ${SECURITY_TOKEN_LENGTH} letters or digits`);
      }
    }
  }
}

function requireId(id: string, keyPrefix: string, what: string): void {
  if (!new RegExp(`^${keyPrefix}[A-Za-z0-9]{12}$`).test(id)) {
    throw new Error(`Seed: ${what} needs a 15-character id starting ${keyPrefix}, got ${id}`);
  }
}

/**
 * `createCore(ports)`: the app's brain, built the same way by main, the CLI and the test hosts.
 */
import type { AppInfo } from '../../shared/domain';
import { createConnectionTester, type ConnectionTester } from './connection/tester';
import { createOrgRegistry, type OrgRegistry } from './orgs';
import { createPreferences, type PreferencesService } from './preferences';
import type { CorePorts } from './ports';

export interface CoreOptions {
  host: AppInfo['host'];
  version: string;
}

export interface Core {
  orgs: OrgRegistry;
  tester: ConnectionTester;
  preferences: PreferencesService;
  info(): AppInfo;
}

export function createCore(ports: CorePorts, options: CoreOptions): Core {
  return {
    orgs: createOrgRegistry(ports),
    tester: createConnectionTester(ports),
    preferences: createPreferences(ports.settings),
    info: () => ({
      name: 'OrgKey',
      version: options.version,
      host: options.host,
      platform: process.platform,
      keychainService: ports.secrets.service,
      settingsPath: ports.settings.path,
    }),
  };
}

export type { CorePorts } from './ports';

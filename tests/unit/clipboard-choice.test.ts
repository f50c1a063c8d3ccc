/**
 * How the clipboard is written on each platform, and where its programs are found: by absolute
 * path only, never in the current folder. Platform and environment are injected; nothing runs.
 */
import { describe, expect, it } from 'vitest';
import { MAC_WRITE_SCRIPT, pickClipboard, WINDOWS_WRITE_SCRIPT, type CommandClipboard } from '../../electron/platform/clipboard/system-clipboard';
import { encodeXauthEntry, FAMILY_INTERNET, FAMILY_LOCAL, FAMILY_WILD, findCookie, parseDisplay, parseXauthority } from '../../electron/platform/clipboard/x11/display';
import { absolutePathEntries, findPosixTool, windowsSystemRoot, windowsSystemTool } from '../../electron/platform/system-tools';

/** A file system where exactly `files` are executables. */
const only =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe('finding a system program', () => {
  it('looks only in PATH entries that are absolute: an empty entry and “.” mean the current folder', () => {
    const env = { PATH: ':.:bin:./tools:/usr/local/bin::/usr/bin:' };
    expect(absolutePathEntries(env, 'linux')).toEqual(['/usr/local/bin', '/usr/bin']);
    const everywhere = (file: string) => file.endsWith('/xclip') || file === 'xclip';
    expect(findPosixTool('xclip', { platform: 'linux', env, isExecutable: everywhere })).toBe('/usr/local/bin/xclip');
    expect(findPosixTool('xclip', { platform: 'linux', env: { PATH: ':.:bin' }, isExecutable: everywhere })).toBeNull();
    expect(findPosixTool('xclip', { platform: 'linux', env: {}, isExecutable: everywhere })).toBeNull();
  });

  it('takes a bare program name only', () => {
    const lookup = { platform: 'linux' as const, env: { PATH: '/usr/bin' }, isExecutable: () => true };
    expect(() => findPosixTool('../xclip', lookup)).toThrow();
    expect(() => findPosixTool('/tmp/xclip', lookup)).toThrow();
    expect(() => findPosixTool('..', lookup)).toThrow();
  });

  it('names Windows programs under %SystemRoot%\\System32, falling back to C:\\Windows', () => {
    expect(windowsSystemTool({ SystemRoot: 'D:\\WINNT' }, 'rundll32.exe')).toBe('D:\\WINNT\\System32\\rundll32.exe');
    expect(windowsSystemRoot({ SYSTEMROOT: 'C:\\Windows\\' })).toBe('C:\\Windows');
    expect(windowsSystemRoot({ windir: 'E:\\Windows' })).toBe('E:\\Windows');
    for (const bad of [undefined, '', 'Windows', '.\\Windows', '\\\\server\\share\\Windows', 'C:\\Windows\\..\\Users\\me', 'C:\\W;D:\\x', 'C:\\%TEMP%']) {
      expect(windowsSystemRoot(bad === undefined ? {} : { SystemRoot: bad }), String(bad)).toBe('C:\\Windows');
    }
  });
});

describe('choosing how to write the clipboard', () => {
  const commands = (method: ReturnType<typeof pickClipboard>): CommandClipboard => {
    if (method?.kind !== 'commands') throw new Error(`expected commands, got ${JSON.stringify(method)}`);
    return method;
  };

  it('Windows: PowerShell by absolute path, one DataObject with the text and the three marker formats', () => {
    const method = commands(pickClipboard({ platform: 'win32', env: { SystemRoot: 'C:\\Windows', PATH: '.;C:\\Tools' } }));
    const powershell = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
    for (const command of [method.write, method.read, method.clear]) expect(command[0]).toBe(powershell);
    expect(commands(pickClipboard({ platform: 'win32', env: {} })).write[0]).toBe(powershell);
    expect(method.write.at(-1)).toBe(WINDOWS_WRITE_SCRIPT);
    for (const format of ['ExcludeClipboardContentFromMonitorProcessing', 'CanIncludeInClipboardHistory', 'CanUploadToCloudClipboard']) {
      expect(WINDOWS_WRITE_SCRIPT).toContain(`'${format}'`);
    }
    expect(WINDOWS_WRITE_SCRIPT).toContain('[BitConverter]::GetBytes([UInt32]0)');
    expect(WINDOWS_WRITE_SCRIPT).toContain('[Console]::In.ReadToEnd()');
    // One write: the marker formats go into the same DataObject as the text, set once.
    expect(WINDOWS_WRITE_SCRIPT.match(/SetDataObject|Set-Clipboard|SetText/g)).toEqual(['SetDataObject']);
  });

  it('macOS: osascript from an absolute PATH entry writes one pasteboard item with the text and ConcealedType', () => {
    const isExecutable = only('/usr/bin/osascript', '/usr/bin/pbpaste', 'osascript', 'pbpaste');
    const method = commands(pickClipboard({ platform: 'darwin', env: { PATH: '.:/usr/bin' }, isExecutable }));
    expect(method.write.slice(0, 4)).toEqual(['/usr/bin/osascript', '-l', 'JavaScript', '-e']);
    expect(method.read).toEqual(['/usr/bin/pbpaste']);
    expect(MAC_WRITE_SCRIPT).toContain("'org.nspasteboard.ConcealedType'");
    expect(MAC_WRITE_SCRIPT).toContain('fileHandleWithStandardInput');
    expect(MAC_WRITE_SCRIPT.match(/writeObjects|setString:|setData/g)).toEqual(['writeObjects']);
    expect(pickClipboard({ platform: 'darwin', env: { PATH: '.:bin' }, isExecutable })).toBeNull();
  });

  it('Linux on Wayland: wl-copy --sensitive (unmarked only as the fallback of an older wl-copy)', () => {
    const isExecutable = only('/usr/bin/wl-copy', '/usr/bin/wl-paste');
    const method = commands(pickClipboard({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0', PATH: '/usr/bin' }, isExecutable }));
    expect(method.write).toEqual(['/usr/bin/wl-copy', '--sensitive', '--type', 'text/plain']);
    expect(method.writeUnmarked).toEqual(['/usr/bin/wl-copy', '--type', 'text/plain']);
    expect(method.clear).toEqual(['/usr/bin/wl-copy', '--clear']);
  });

  it('Linux on X11 (or XWayland without wl-clipboard): the X11 owner, no program needed', () => {
    const none = () => false;
    expect(pickClipboard({ platform: 'linux', env: { DISPLAY: ':0', PATH: '/usr/bin' }, isExecutable: none })).toEqual({ kind: 'x11', name: 'X11' });
    expect(pickClipboard({ platform: 'linux', env: { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0', PATH: '/usr/bin' }, isExecutable: none })?.kind).toBe('x11');
    // wl-copy only in the current folder does not count.
    expect(pickClipboard({ platform: 'linux', env: { DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0', PATH: ':.' }, isExecutable: () => true })?.kind).toBe('x11');
  });

  it('has none without a desktop session', () => {
    expect(pickClipboard({ platform: 'linux', env: { PATH: '/usr/bin' }, isExecutable: () => true })).toBeNull();
    expect(pickClipboard({ platform: 'freebsd', env: { WAYLAND_DISPLAY: 'w', PATH: '/usr/bin' }, isExecutable: () => false })).toBeNull();
  });

  it('never puts anything but fixed words and scripts in arguments (the secret goes on stdin)', () => {
    const secret = 'Sup3r-Secret-Passw0rd';
    const methods = [
      pickClipboard({ platform: 'win32', env: {} }),
      pickClipboard({ platform: 'darwin', env: { PATH: '/usr/bin' }, isExecutable: () => true }),
      pickClipboard({ platform: 'linux', env: { WAYLAND_DISPLAY: 'w', PATH: '/usr/bin' }, isExecutable: () => true }),
    ];
    for (const method of methods) expect(JSON.stringify(method)).not.toContain(secret);
  });
});

describe('reaching the X display', () => {
  it('reads DISPLAY the way Xlib does', () => {
    expect(parseDisplay(':0', 'linux')).toEqual({ socketPaths: ['/tmp/.X11-unix/X0', '\0/tmp/.X11-unix/X0'], display: 0, screen: 0 });
    expect(parseDisplay('unix:12.1', 'freebsd')).toEqual({ socketPaths: ['/tmp/.X11-unix/X12'], display: 12, screen: 1 });
    expect(parseDisplay('localhost:10.0', 'linux')).toEqual({ socketPaths: [], tcp: { host: 'localhost', port: 6010 }, display: 10, screen: 0 });
    for (const bad of [undefined, '', '0', ':', ':x', 'host:', ':99999']) expect(parseDisplay(bad, 'linux'), String(bad)).toBeNull();
  });

  const entry = (family: number, address: string | number[], number: string, data: string) => ({
    family,
    address: typeof address === 'string' ? Buffer.from(address) : Buffer.from(address),
    number,
    name: 'MIT-MAGIC-COOKIE-1',
    data: Buffer.from(data),
  });

  it('reads an Xauthority file and picks the cookie for this host and display, never another machine’s', () => {
    const file = Buffer.concat([
      encodeXauthEntry(entry(FAMILY_LOCAL, 'otherhost', '0', 'other-host')),
      encodeXauthEntry(entry(FAMILY_LOCAL, 'me', '1', 'display-one')),
      encodeXauthEntry({ ...entry(FAMILY_LOCAL, 'me', '0', 'xdm'), name: 'XDM-AUTHORIZATION-1' }),
      encodeXauthEntry(entry(FAMILY_LOCAL, 'me', '0', 'mine')),
      encodeXauthEntry(entry(FAMILY_INTERNET, [192, 0, 2, 7], '0', 'remote')),
    ]);
    const entries = parseXauthority(Buffer.concat([file, Buffer.from([0x01])])); // a torn last record is ignored
    expect(entries).toHaveLength(5);
    expect(findCookie(entries, parseDisplay(':0', 'linux')!, 'me')?.toString()).toBe('mine');
    expect(findCookie(entries, parseDisplay(':1', 'linux')!, 'me')?.toString()).toBe('display-one');
    expect(findCookie(entries, parseDisplay(':2', 'linux')!, 'me')).toBeNull();
    expect(findCookie(entries, parseDisplay('192.0.2.7:0', 'linux')!, 'me')?.toString()).toBe('remote');
    expect(findCookie(entries, parseDisplay('198.51.100.1:0', 'linux')!, 'me')).toBeNull();
    expect(findCookie([entry(FAMILY_WILD, '', '', 'wild')], parseDisplay(':5', 'linux')!, 'me')?.toString()).toBe('wild');
  });
});

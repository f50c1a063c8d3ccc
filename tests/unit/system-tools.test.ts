/**
 * The CLI names system tools by absolute paths: Windows' from its system folder, POSIX ones from
 * PATH's absolute entries only, so nothing in the current folder can stand in for them.
 */
import { describe, expect, it } from 'vitest';
import { openCommand } from '../../cli/opener';
import { absolutePathEntries, findPosixTool, toolEnvironment, windowsSystemTool } from '../../electron/platform/system-tools';

const URL_ = 'https://acme.my.salesforce.com/services/oauth2/authorize?a=1&b=2';

describe('Windows’ system folder', () => {
  it.each([
    [{ SystemRoot: 'D:\\Windows' }, 'D:\\Windows\\System32'],
    [{ SYSTEMROOT: 'C:\\WINNT\\' }, 'C:\\WINNT\\System32'],
    [{}, 'C:\\Windows\\System32'],
    [{ SystemRoot: 'Windows' }, 'C:\\Windows\\System32'],
    [{ SystemRoot: '.\\' }, 'C:\\Windows\\System32'],
    [{ SystemRoot: '\\\\server\\share\\Windows' }, 'C:\\Windows\\System32'],
    [{ SystemRoot: 'C:\\Users\\ana\\..\\..\\Temp' }, 'C:\\Windows\\System32'],
    [{ SystemRoot: 'C:\\%OTHER%' }, 'C:\\Windows\\System32'],
    [{ SystemRoot: '' }, 'C:\\Windows\\System32'],
  ])('from %j is %s', (env, folder) => {
    expect(windowsSystemTool(env, '')).toBe(folder);
  });

  it('starts rundll32.exe from there, with the address as its own argument', () => {
    expect(windowsSystemTool({ SystemRoot: 'D:\\Windows' }, 'rundll32.exe')).toBe('D:\\Windows\\System32\\rundll32.exe');
    expect(openCommand({ platform: 'win32', env: { SystemRoot: 'D:\\Windows', Path: '.;C:\\Tools' } }, URL_)).toEqual([
      'D:\\Windows\\System32\\rundll32.exe',
      'url.dll,FileProtocolHandler',
      URL_,
    ]);
  });
});

describe('tools on a POSIX PATH', () => {
  const everything = () => true;

  it('keeps only PATH’s absolute entries: never an empty one, `.` or a relative folder', () => {
    expect(absolutePathEntries({ PATH: ':.:bin:./tools:/usr/local/bin::/usr/bin:~/bin:' }, 'linux')).toEqual(['/usr/local/bin', '/usr/bin']);
    expect(absolutePathEntries({}, 'linux')).toEqual([]);
    expect(absolutePathEntries({ Path: 'C:\\Windows;;.;tools;C:\\Tools' }, 'win32')).toEqual(['C:\\Windows', 'C:\\Tools']);
  });

  it('finds xdg-open in the first absolute entry that has it, and never looks in the current folder', () => {
    const looked: string[] = [];
    const host = {
      platform: 'linux' as const,
      env: { PATH: ':.:bin:/opt/none:/usr/bin' },
      isExecutable: (file: string) => {
        looked.push(file);
        return file === '/usr/bin/xdg-open';
      },
    };
    expect(findPosixTool('xdg-open', host)).toBe('/usr/bin/xdg-open');
    expect(looked).toEqual(['/opt/none/xdg-open', '/usr/bin/xdg-open']);
    expect(openCommand(host, URL_)).toEqual(['/usr/bin/xdg-open', URL_]);
  });

  it('has no command when no absolute PATH entry has the tool', () => {
    expect(openCommand({ platform: 'linux', env: { PATH: ':.' }, isExecutable: everything }, URL_)).toBeNull();
    expect(findPosixTool('xdg-open', { platform: 'freebsd', env: { PATH: 'bin' }, isExecutable: everything })).toBeNull();
  });

  it('uses macOS’s own /usr/bin/open, whatever PATH says', () => {
    expect(openCommand({ platform: 'darwin', env: { PATH: '.:/tmp/evil' }, isExecutable: everything }, URL_)).toEqual(['/usr/bin/open', URL_]);
  });

  it('starts tools with a PATH of absolute entries only, the rest of the environment as it was', () => {
    expect(toolEnvironment({ PATH: ':.:/usr/bin:bin', DISPLAY: ':0', HOME: '/home/ana' }, 'linux')).toEqual({ PATH: '/usr/bin', DISPLAY: ':0', HOME: '/home/ana' });
    expect(toolEnvironment({ Path: 'C:\\Windows;.' }, 'win32')).toEqual({ Path: 'C:\\Windows' });
  });
});

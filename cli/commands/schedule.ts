import fs from 'node:fs';
import { SCHEDULE_HOURS_LIMITS, SCHEDULE_TIME_PATTERN, type SchedulePreference } from '../../shared/notifications';
import { intOption, stringOption, type CommandSpec } from '../args';
import { EXIT, usageError } from '../errors';

/** The OSes `orgkey schedule` writes for, by Node's platform names. */
const SCHEDULERS = { linux: 'cron', darwin: 'launchd', win32: 'Task Scheduler' } as const;
type SchedulerOs = keyof typeof SCHEDULERS;

const LAUNCHD_LABEL = 'com.orgkey.scheduled-checks';
const TASK_NAME = 'OrgKey scheduled checks';

/** This `orgkey`, as a job must start it: Node and the script by absolute path (a job's PATH is bare). */
function thisOrgkey(): string[] {
  const script = process.argv[1] ? fs.realpathSync(process.argv[1]) : 'orgkey';
  return [process.execPath, script];
}

const posixQuote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
const windowsQuote = (word: string) => (/^[\w@%+=:,./\\-]+$/.test(word) ? word : `"${word}"`);
const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function cron(schedule: SchedulePreference, command: string[]): string[] {
  const [hours, minutes] = schedule.time.split(':').map(Number) as [number, number];
  // cron counts hours from midnight: every N hours runs at the hours divisible by N.
  const when = schedule.mode === 'daily' ? `${minutes} ${hours} * * *` : schedule.everyHours === 24 ? '0 0 * * *' : `0 */${schedule.everyHours} * * *`;
  const lines = [
    '# Add this line with `crontab -e`. The job needs an unlocked keychain: see the README, “Scheduled checks and notifications”.',
    // cron reads % in a command as a line break unless escaped.
    `${when} ${command.map(posixQuote).join(' ').replace(/%/g, '\\%')}`,
  ];
  if (schedule.mode === 'hours' && 24 % schedule.everyHours !== 0) lines.unshift(`# cron starts each day at midnight, so every ${schedule.everyHours} hours leaves a shorter gap before 00:00.`);
  return lines;
}

function launchd(schedule: SchedulePreference, command: string[]): string[] {
  const [hours, minutes] = schedule.time.split(':').map(Number) as [number, number];
  const when =
    schedule.mode === 'daily'
      ? ['  <key>StartCalendarInterval</key>', '  <dict>', `    <key>Hour</key><integer>${hours}</integer>`, `    <key>Minute</key><integer>${minutes}</integer>`, '  </dict>']
      : ['  <key>StartInterval</key>', `  <integer>${schedule.everyHours * 3600}</integer>`];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- Save as ~/Library/LaunchAgents/${LAUNCHD_LABEL}.plist, then run: launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/${LAUNCHD_LABEL}.plist -->`,
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>Label</key>',
    `  <string>${LAUNCHD_LABEL}</string>`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...command.map((word) => `    <string>${xml(word)}</string>`),
    '  </array>',
    ...when,
    '</dict>',
    '</plist>',
  ];
}

function schtasks(schedule: SchedulePreference, command: string[]): string[] {
  // Inside /TR, each quote of the command is escaped with a backslash.
  const task = command.map(windowsQuote).join(' ').replace(/"/g, '\\"');
  const when = schedule.mode === 'daily' || schedule.everyHours === 24 ? `/SC DAILY /ST ${schedule.mode === 'daily' ? schedule.time : '00:00'}` : `/SC HOURLY /MO ${schedule.everyHours}`;
  return [
    'REM Run this in a Command Prompt as the user whose orgs OrgKey keeps (the task runs while that user is logged on).',
    `schtasks /Create /TN "${TASK_NAME}" ${when} /TR "${task}" /F`,
  ];
}

export const scheduleCommand: CommandSpec = {
  name: 'schedule',
  summary: 'Print the cron line, launchd job or schtasks command that runs the scheduled checks on this computer.',
  usage: ['schedule [--daily HH:MM | --every N] [--os linux|darwin|win32]'],
  description: [
    'For a server or a computer without the app running: prints what to install so the OS runs',
    '`orgkey test --all --scheduled` on a schedule — a crontab line on Linux, a launchd agent on macOS,',
    'a schtasks command on Windows (--os writes another OS’s). Nothing is installed for you.',
    'Without --daily or --every it takes the app’s schedule (Settings), or daily at 07:00 when that is off.',
    'The job reads the keychain: it needs the user’s keychain unlocked (see the README).',
  ].join('\n'),
  positionals: { names: [], min: 0, max: 0 },
  options: {
    daily: { type: 'string', value: 'HH:MM', help: 'Every day at this local time.' },
    every: { type: 'string', value: 'N', help: `Every N hours (${SCHEDULE_HOURS_LIMITS.min}–${SCHEDULE_HOURS_LIMITS.max}).` },
    os: { type: 'string', value: 'OS', help: 'linux (cron), darwin (launchd) or win32 (Task Scheduler); default: this computer’s.' },
  },
  examples: ['orgkey schedule --daily 06:30', 'orgkey schedule --every 6 --os linux'],
  async run(context, { values }) {
    const daily = stringOption(values, 'daily');
    const every = intOption(values, 'every', SCHEDULE_HOURS_LIMITS.min, SCHEDULE_HOURS_LIMITS.max);
    if (daily !== undefined && every !== undefined) throw usageError('Give --daily or --every, not both.', 'Run “orgkey schedule --help”.');
    if (daily !== undefined && !SCHEDULE_TIME_PATTERN.test(daily)) throw usageError('--daily takes the time as HH:MM, from 00:00 to 23:59.', 'Run “orgkey schedule --help”.');
    const os = stringOption(values, 'os') ?? context.io.platform;
    if (!(os in SCHEDULERS)) throw usageError(`--os must be linux, darwin or win32${values.os === undefined ? ' (this computer is none of them)' : ''}.`, 'Run “orgkey schedule --help”.');
    let schedule: SchedulePreference;
    if (daily !== undefined) schedule = { mode: 'daily', time: daily, everyHours: 6 };
    else if (every !== undefined) schedule = { mode: 'hours', time: '07:00', everyHours: every };
    else {
      const stored = context.settings().read().preferences.schedule;
      schedule = stored.mode === 'off' ? { ...stored, mode: 'daily' } : stored;
    }
    // A data folder other than the default goes along: the job starts without this shell's options or environment.
    const otherFolder = values['data-dir'] !== undefined || !!context.io.env.ORGKEY_DATA_DIR;
    const command = [...thisOrgkey(), ...(otherFolder ? ['--data-dir', context.dataDir] : []), 'test', '--all', '--scheduled'];
    const write = { linux: cron, darwin: launchd, win32: schtasks }[os as SchedulerOs];
    context.io.outBlock(write(schedule, command).join('\n'));
    return EXIT.OK;
  },
};

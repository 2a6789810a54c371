/** `start`, `serve` and `worker`: the long-running commands. */
import type { Command } from 'commander';
import pkg from '../../../package.json' with { type: 'json' };
import type { Config } from '../../server/config.ts';
import type { Database } from '../../server/db/client.ts';
import type { DemoResult } from '../../server/demo/index.ts';
import type { Running } from '../../server/main.ts';
import { action, failureLine } from '../output.ts';

type Mode = 'start' | 'serve' | 'worker';

const DESCRIPTIONS: Record<Mode, string> = {
  start: 'Run everything in one process: API, web app, workers and schedules (embedded database by default)',
  serve: 'Run the API and web app only (scale out with separate `worker` processes on PostgreSQL)',
  worker: 'Run only the job workers and schedules',
};

export function registerRunCommands(program: Command): void {
  for (const mode of ['start', 'serve', 'worker'] as const) {
    program
      .command(mode)
      .description(DESCRIPTIONS[mode])
      .action(action(() => runMode(mode)));
  }
}

async function runMode(mode: Mode): Promise<void> {
  const { loadConfig } = await import('../../server/config.ts');
  const { loadDemoData } = await import('../../server/demo/index.ts');
  const { run, stopOnSignals } = await import('../../server/main.ts');
  const config = loadConfig();
  if (mode !== 'worker') {
    const { ensureWebBuild } = await import('../../server/http/web-build.ts');
    await ensureWebBuild((line) => console.log(line));
  }
  let demo: DemoResult | undefined;
  const loadDemo =
    mode === 'start' && config.mode === 'embedded' && config.demoData
      ? async (database: Database) => {
          demo = await loadDemoData(database.db);
        }
      : undefined;
  const running = await run(config, {
    command: mode,
    http: mode !== 'worker',
    workers: mode !== 'serve',
    ...(loadDemo ? { afterMigrate: loadDemo } : {}),
  });
  printBanner(mode, config, running, demo);
  await new Promise<void>((resolve) =>
    stopOnSignals(running, (err) => {
      if (err) {
        process.stderr.write(failureLine(err) + '\n');
        process.exitCode = 1;
      } else console.log('HealthSync stopped.');
      resolve();
    }),
  );
}

function printBanner(mode: Mode, config: Config, running: Running, demo: DemoResult | undefined): void {
  const where = config.mode === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  const lines = [`HealthSync ${pkg.version} ${mode === 'worker' ? 'worker ' : ''}is running (${where}).`];
  if (running.url) lines.push(`  Open:     ${running.url}`, `  API docs: ${running.url}/api/docs`);
  if (demo?.loaded) {
    const c = demo.counts;
    lines.push(
      `Demo data loaded: ${c.clinics} clinics, ${c.doctors} doctors, ${c.patients} patients, ${c.appointments} appointments.`,
      'Sign in with these demo accounts (the passwords are shown only this once):',
      ...demo.accounts.map((a) => `  ${a.role.padEnd(8)} ${a.email.padEnd(36)} ${a.password}`),
    );
  } else if (demo) {
    lines.push('Sign in with the demo accounts printed on the first start.');
  }
  lines.push('Press Ctrl-C to stop.');
  console.log(lines.join('\n'));
}

import type { Command } from 'commander';
import { action, printJson } from '../output.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply database migrations (start-up applies them too)')
    .option('--json', 'machine-readable output')
    .action(
      action(async (opts: { json?: boolean }) => {
        // Loaded on use: `healthsync --help` and other commands need none of the database code.
        const { loadConfig } = await import('../../server/config.ts');
        const { openConfiguredDatabase } = await import('../../server/db/client.ts');
        const { migrate } = await import('../../server/db/migrate.ts');
        const config = loadConfig();
        const database = await openConfiguredDatabase(config, 'migrate');
        try {
          const result = await migrate(database);
          if (opts.json) printJson({ ok: true, mode: config.mode, ...result });
          else
            console.log(
              `Migrations: ${result.applied} applied, ${result.total} in total (${config.mode} database).`,
            );
        } finally {
          await database.close();
        }
      }),
    );
}

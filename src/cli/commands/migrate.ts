import type { Command } from 'commander';
import { loadConfig } from '../../server/config.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openConfiguredDatabase } from '../../server/main.ts';
import { action, printJson } from '../output.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply database migrations (start-up applies them too)')
    .option('--json', 'machine-readable output')
    .action(
      action(async (opts: { json?: boolean }) => {
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

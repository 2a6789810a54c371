#!/usr/bin/env node
/** `healthsync <command>` (in this repo: `npm run cli -- <command>`). */
import { Command } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { registerGenerate } from './commands/generate.ts';
import { registerImport } from './commands/import.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerPipeline } from './commands/pipeline.ts';
import { registerReport } from './commands/report.ts';
import { registerRunCommands } from './commands/run.ts';
import { registerUsers } from './commands/users.ts';
import { registerAlerts } from './commands/alerts.ts';
import { registerDiscover } from './commands/discover.ts';

const program = new Command('healthsync')
  .description('HealthSync: clinics, doctors, patients, appointments, records and the Health Synth pipeline')
  .version(pkg.version)
  .showHelpAfterError('(run with --help for usage)');

registerRunCommands(program);
registerMigrate(program);
registerGenerate(program);
registerPipeline(program);
registerReport(program);
registerImport(program);
registerUsers(program);
registerAlerts(program);
registerDiscover(program);

await program.parseAsync(process.argv);

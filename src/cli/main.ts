#!/usr/bin/env node
/** `healthsync <command>` (in this repo: `npm run cli -- <command>`). */
import { Command } from 'commander';
import { VERSION } from '../server/app.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerRunCommands } from './commands/run.ts';
import { registerUsers } from './commands/users.ts';

const program = new Command('healthsync')
  .description('HealthSync: clinics, doctors, patients, appointments, records and the Health Synth pipeline')
  .version(VERSION)
  .showHelpAfterError('(run with --help for usage)');

registerRunCommands(program);
registerMigrate(program);
registerUsers(program);

await program.parseAsync(process.argv);

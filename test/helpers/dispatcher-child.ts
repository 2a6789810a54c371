/**
 * A dispatcher process for the crash test: opens the database named by the environment (an embedded data
 * dir or DATABASE_URL), sends SMS through the gateway at SMS_GATEWAY_URL until nothing is left to send,
 * then exits 0. The test SIGKILLs it mid-batch and starts another.
 */
import { openDatabase } from '../../src/server/db/client.ts';
import { createNotifyDeps, pump } from '../../src/server/modules/notifications/index.ts';
import { openCount } from '../../src/server/modules/notifications/repo.ts';
import { testNotificationSettings } from './notify.ts';

const env = process.env;
const database = env.CHILD_DATA_DIR
  ? await openDatabase({ kind: 'pglite', dataDir: env.CHILD_DATA_DIR, command: 'dispatcher-test' })
  : await openDatabase({ kind: 'postgres', connectionString: env.CHILD_DATABASE_URL!, poolSize: 4 });
const settings = testNotificationSettings({
  sms: {
    gatewayUrl: env.SMS_GATEWAY_URL!,
    accountSid: 'AC0123',
    authToken: 'sms-token',
    from: '+15550001111',
  },
  batchSize: 50,
  concurrency: 8,
  sendTimeoutMs: 1_000,
  leaseMs: 2_000,
});
const deps = createNotifyDeps({ db: database.db, settings, exclusive: database.kind === 'pglite' });
process.stdout.write('dispatching\n');
while ((await openCount(database.db)) > 0) await pump(deps, { budgetMs: 500, idleMs: 100 });
await deps.close();
await database.close();

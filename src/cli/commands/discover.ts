/**
 * `healthsync discover "<symptoms>"`: the same answer as GET /api/v1/discover (with the server stopped in
 * embedded mode), and `healthsync discover evaluate`: top-1/top-3 specialty accuracy on a held-out split
 * of the visit history (or of a synthetic one), and on the curated plain-language phrasings.
 */
import type { Command } from 'commander';
import { validationFailed } from '../../core/errors.ts';
import type { DiscoverAnswer } from '../../core/contracts/discovery.ts';
import type { Database } from '../../server/db/client.ts';
import { action, printJson } from '../output.ts';

const server = async () => ({
  ...(await import('../../server/config.ts')),
  ...(await import('../../server/db/client.ts')),
  ...(await import('../../server/db/migrate.ts')),
  ...(await import('../../server/modules/recommendations/index.ts')),
});

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const { loadConfig, openConfiguredDatabase, migrate } = await server();
  const database = await openConfiguredDatabase(loadConfig(), 'discover');
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

function print(a: DiscoverAnswer): void {
  if (a.urgent) {
    console.log(`!! ${a.urgent.title}\n   ${a.urgent.advice}`);
    for (const r of a.urgent.reasons) console.log(`   - ${r.reason} (${r.matched.join(', ')})`);
    console.log('');
  }
  console.log(
    a.unrecognised ? 'No symptom recognised: a general practitioner can assess you.' : 'Specialties:',
  );
  for (const s of a.specialties) {
    const why = s.matched.length > 0 ? ` — matched: ${s.matched.join(', ')}` : '';
    console.log(`  ${s.specialty.padEnd(18)} ${(s.confidence * 100).toFixed(0).padStart(3)}%${why}`);
  }
  console.log(a.doctors.length > 0 ? '\nDoctors:' : '\nNo doctor of these specialties found here.');
  for (const [i, d] of a.doctors.entries()) {
    const where = d.distanceKm === null ? '' : `, ${d.distanceKm.toFixed(1)} km`;
    const next = d.nextSlot ? `next ${d.nextSlot.start}` : 'no free slot in 14 days';
    console.log(
      `  ${String(i + 1).padStart(2)}. ${d.name} (${d.code}), ${d.specialty} — ${d.clinic.name}${where}; ` +
        `rating ${d.rating.score.toFixed(2)} (${String(d.rating.count)}); ${next}; score ${d.score.toFixed(3)}`,
    );
  }
}

interface DiscoverOptions {
  near?: string;
  radiusKm: string;
  limit: string;
  json?: boolean;
}

async function find(words: string[], opts: DiscoverOptions): Promise<void> {
  const { discoverQuery } = await import('../../core/contracts/discovery.ts');
  const parsed = discoverQuery.safeParse({
    symptoms: words.join(' '),
    near: opts.near,
    radius_km: opts.radiusKm,
    limit: opts.limit,
  });
  if (!parsed.success) {
    throw validationFailed(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const { discover } = await server();
  const answer = await withDatabase((database) => discover(database.db, parsed.data));
  if (opts.json) printJson(answer);
  else print(answer);
}

interface EvaluateOptions {
  synthetic?: string;
  seed: string;
  json?: boolean;
}

/** `--json` after `evaluate` is taken by `discover` itself (it has one too): read both levels. */
async function evaluateCommand(_opts: EvaluateOptions, command: Command): Promise<void> {
  const opts = command.optsWithGlobals<EvaluateOptions>();
  const { evaluate, discoveryHistory, syntheticHistory, PHRASINGS } = await server();
  const seed = Number(opts.seed);
  let history;
  if (opts.synthetic !== undefined) {
    const n = Number(opts.synthetic);
    if (!Number.isInteger(n) || n < 100 || n > 1_000_000) {
      throw validationFailed([
        { path: '--synthetic', message: 'must be a whole number of visits, 100 to 1,000,000' },
      ]);
    }
    history = syntheticHistory(n, seed);
  } else {
    history = await withDatabase((database) => discoveryHistory(database.db));
    if (history.length < 100) {
      throw validationFailed([
        {
          path: 'history',
          message: `has ${String(history.length)} completed visits with a reason; need 100 (load data, or use --synthetic 3000)`,
        },
      ]);
    }
  }
  const result = evaluate(history, { seed, phrasings: PHRASINGS });
  if (opts.json) {
    printJson(result);
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`Held-out visits: ${String(result.test)} (trained on ${String(result.train)})`);
  console.log(`  map + classifier: top-1 ${pct(result.top1)}, top-3 ${pct(result.top3)}`);
  console.log(
    `  classifier alone: top-1 ${pct(result.historyOnly.top1)}, top-3 ${pct(result.historyOnly.top3)}`,
  );
  const p = result.phrasings;
  console.log(`Plain-language phrasings: ${String(p.cases)}: top-1 ${pct(p.top1)}, top-3 ${pct(p.top3)}`);
}

export function registerDiscover(program: Command): void {
  const discover = program
    .command('discover')
    .description('Find doctors from symptoms (urgent red flags first); `discover evaluate` measures accuracy')
    .argument('<symptoms...>', 'what the patient feels, in their own words')
    .option('--near <place>', '`lat,lon` or a neighbourhood name')
    .option('--radius-km <km>', 'only doctors this close (with --near)', '10')
    .option('--limit <n>', 'how many doctors', '10')
    .option('--json', 'machine-readable output')
    .action(action(find));
  discover
    .command('evaluate')
    .description('Top-1/top-3 specialty accuracy on a held-out 20% of the visit history')
    .option(
      '--synthetic <visits>',
      'evaluate on a synthetic history of this many visits instead of the database',
    )
    .option('--seed <seed>', 'seed of the split', '42')
    .option('--json', 'machine-readable output')
    .action(action(evaluateCommand));
}

/** Demo data for the first embedded start: the only file other code imports. */
export {
  DEMO_EMAIL_DOMAIN,
  DEMO_SEED,
  loadDemoData,
  type DemoAccount,
  type DemoCounts,
  type DemoResult,
  type LoadDemoOptions,
} from './load.ts';

/** The pipeline's steps and what each waits for: a step starts when all its upstream steps succeeded. */
export const STEP_NAMES = ['extract', 'stage', 'load', 'transform', 'report', 'notify', 'retain'] as const;
export type StepName = (typeof STEP_NAMES)[number];

export const UPSTREAM: Readonly<Record<StepName, readonly StepName[]>> = {
  extract: [],
  stage: ['extract'],
  load: ['stage'],
  transform: ['load'],
  report: ['transform'],
  notify: ['report'],
  // Last, as in Health Synth: live records are archived and deleted once the day's data is in the warehouse
  // and reported.
  retain: ['notify'],
};

/** Steps whose upstream all succeeded and that are not done yet. */
export function readySteps(status: Readonly<Record<StepName, string>>): StepName[] {
  return STEP_NAMES.filter(
    (step) => status[step] !== 'succeeded' && UPSTREAM[step].every((up) => status[up] === 'succeeded'),
  );
}

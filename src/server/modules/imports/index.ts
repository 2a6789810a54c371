/** Imports of outside data (Health Synth, the public no-show data, Synthea): the only file other code imports. */
export { importFiles, ImportRefused, PARSERS, type ImportOptions } from './service.ts';
export { formatReport, type ImportReport } from './report.ts';
export { RULES } from './catalogue.ts';

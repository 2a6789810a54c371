/** The parts of wink-naive-bayes-text-classifier (no bundled types) that HealthSync uses. */
declare module 'wink-naive-bayes-text-classifier' {
  interface NaiveBayesTextClassifier {
    defineConfig(cfg: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    definePrepTasks(tasks: ((input: unknown) => unknown)[]): number;
    learn(input: string | string[], label: string): boolean;
    consolidate(): boolean;
    /** [label, log2 odds] pairs, best first; [['unknown', 0]] when no token is known. */
    computeOdds(input: string | string[]): [string, number][];
    predict(input: string | string[]): string;
  }
  export default function naiveBayesTextClassifier(): NaiveBayesTextClassifier;
}

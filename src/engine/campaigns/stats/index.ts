/** Experiment statistics of the campaign builder: pure functions, no I/O. */
export {
  chiSquareCdf,
  chiSquareSurvival,
  logBeta,
  standardNormalCdf,
  standardNormalQuantile,
} from './distributions';
export { minimumDetectableEffect, sampleSizePerArm } from './power';
export type { DetectableEffectInput, SampleSize, SampleSizeInput, VarianceKind } from './power';
export { holm, twoProportionZTest, wilsonInterval } from './tests';
export type { HolmResult, Interval, TwoProportionTest } from './tests';
export { probabilityBBeatsA, probabilityBest } from './bayes';
export type { ArmCounts, BestArm, BestArmOptions } from './bayes';
export { bootstrapDifferenceInterval, bootstrapMeanInterval } from './bootstrap';
export type { BootstrapOptions, DifferenceInterval, MeanInterval } from './bootstrap';
export { sampleRatioMismatch } from './srm';
export type { SampleRatioCheck } from './srm';
export { experimentVerdict } from './verdict';
export type { Verdict, VerdictComparison, VerdictInput, VerdictOutcome } from './verdict';

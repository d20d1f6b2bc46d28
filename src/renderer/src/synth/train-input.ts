import type { LossPoint } from '../../../shared/model-schemas';
import type { GanEpoch, SynthColumnInfo, SynthMethod, SynthRole, SynthSource, SynthTrainInput } from '../../../shared/synth-schemas';

export type MethodChoice = 'both' | SynthMethod;
const METHODS: Record<MethodChoice, SynthMethod[]> = { both: ['gan', 'copula'], gan: ['gan'], copula: ['copula'] };

export type TrainChoices = {
  source: SynthSource;
  columns: readonly SynthColumnInfo[];
  /** The roles the user set; a column not in here keeps the detected role. */
  roles: Readonly<Record<string, SynthRole>>;
  target: string | null;
  positive: string;
  methods: MethodChoice;
  epochs: number;
  seed: number;
  /** ε when differential privacy is on, else null. */
  epsilon: number | null;
};

/**
 * The `synth.train` request from what the screen holds: every column with its confirmed role (left-out ones too, so
 * the engine knows they were seen and left out), the outcome value only with a target, and ε only when the GAN trains
 * (differential privacy is the GAN's).
 */
export function trainInput(choices: TrainChoices): SynthTrainInput {
  const methods = METHODS[choices.methods];
  const positive = choices.positive.trim();
  return {
    source: choices.source,
    columns: choices.columns.map((c) => ({ name: c.name, role: choices.roles[c.name] ?? c.role })),
    ...(choices.target ? { target: choices.target } : {}),
    ...(choices.target && positive ? { positive } : {}),
    methods,
    epochs: choices.epochs,
    seed: choices.seed,
    holdout: 0.2,
    ...(choices.epsilon !== null && methods.includes('gan') ? { dp: { epsilon: choices.epsilon } } : {}),
  };
}

/** The GAN epochs among a training job's live points (the twin's job sends `gan` with each epoch). */
export const ganEpochs = (points: readonly LossPoint[]): GanEpoch[] => points.flatMap((p) => (p.gan ? [{ epoch: p.epoch, ...p.gan }] : []));

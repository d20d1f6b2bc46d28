// The synthetic twin screen's training request (pure: no browser), checked against the contract's own schema.
import { expect, it } from 'vitest';
import { ganEpochs, trainInput, type TrainChoices } from '../../../src/renderer/src/synth/train-input';
import { synthTrainInputSchema, type SynthColumnInfo } from '../../../src/shared/synth-schemas';

const column = (name: string, role: SynthColumnInfo['role']): SynthColumnInfo => ({ name, role, reason: 'test', distinct: 2, missing: 0, examples: [] });
const base: TrainChoices = {
  source: { kind: 'customer-features' },
  columns: [column('customer_id', 'id'), column('email', 'pii'), column('country', 'categorical'), column('churned', 'categorical'), column('spend', 'numeric')],
  roles: { email: 'categorical', spend: 'pii' },
  target: null,
  positive: ' yes ',
  methods: 'both',
  epochs: 5,
  seed: 7,
  epsilon: 3,
};

it('lists every column with the role the user confirmed, left-out ones too, and parses as the contract says', () => {
  const input = trainInput(base);
  expect(input.columns).toEqual([
    { name: 'customer_id', role: 'id' },
    { name: 'email', role: 'categorical' },
    { name: 'country', role: 'categorical' },
    { name: 'churned', role: 'categorical' },
    { name: 'spend', role: 'pii' },
  ]);
  expect(input.methods).toEqual(['gan', 'copula']);
  expect(synthTrainInputSchema.parse(input)).toEqual(input);
});

it('sends the outcome value only with a target, trimmed', () => {
  expect(trainInput(base)).not.toHaveProperty('target');
  expect(trainInput(base)).not.toHaveProperty('positive');
  const withTarget = trainInput({ ...base, target: 'churned' });
  expect(withTarget.target).toBe('churned');
  expect(withTarget.positive).toBe('yes');
  expect(trainInput({ ...base, target: 'churned', positive: '  ' })).not.toHaveProperty('positive');
});

it('asks for differential privacy only when the GAN trains', () => {
  expect(trainInput(base).dp).toEqual({ epsilon: 3 });
  expect(trainInput({ ...base, methods: 'gan' }).dp).toEqual({ epsilon: 3 });
  expect(trainInput({ ...base, methods: 'copula' })).not.toHaveProperty('dp');
  expect(trainInput({ ...base, epsilon: null })).not.toHaveProperty('dp');
});

it('draws only the points that carry GAN losses', () => {
  const points = [
    { fold: null, epoch: 1, loss: 0.7, valLoss: 0.8 },
    { fold: null, epoch: 2, loss: 1.5, valLoss: null, gan: { generator: 1.5, discriminator: -0.4, quality: 0.71 } },
    { fold: null, epoch: 3, loss: 1.4, valLoss: null, gan: { generator: 1.4, discriminator: -0.3, quality: null } },
  ];
  expect(ganEpochs(points)).toEqual([
    { epoch: 2, generator: 1.5, discriminator: -0.4, quality: 0.71 },
    { epoch: 3, generator: 1.4, discriminator: -0.3, quality: null },
  ]);
});

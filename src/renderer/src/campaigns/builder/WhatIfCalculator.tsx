import { Group, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ARMS } from '../../../../shared/campaign-schemas';
import { useApiQuery } from '../../api/useApiQuery';
import { useFormat } from '../../format/useFormat';
import { PercentInput } from '../inputs';

type Inputs = { baseline: number | undefined; mde: number | undefined; alpha: number; power: number; groups: number; variance: 'pooled' | 'unpooled' };

/** A free "what if": customers needed for any baseline, effect and number of groups, without touching the plan. */
export function WhatIfCalculator() {
  const { t } = useTranslation();
  const [inputs, setInputs] = useState<Inputs>({ baseline: 0.03, mde: 0.01, alpha: 0.05, power: 0.8, groups: 2, variance: 'pooled' });
  const [settled] = useDebouncedValue(inputs, 300);
  const set = (patch: Partial<Inputs>): void => setInputs((current) => ({ ...current, ...patch }));

  return (
    <Paper p="md" data-testid="campaign-whatif">
      <Title order={3}>{t('campaigns.whatIf.title')}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('campaigns.whatIf.help')}
      </Text>
      <SimpleGrid cols={3} spacing="xs">
        <PercentInput label={t('campaigns.power.baseline')} value={inputs.baseline} onChange={(baseline) => set({ baseline })} min={0.0001} max={0.9999} testId="campaign-whatif-baseline" />
        <PercentInput label={t('campaigns.power.mde')} value={inputs.mde} onChange={(mde) => set({ mde })} min={0.0001} max={0.9999} testId="campaign-whatif-mde" />
        <NumberInput
          label={t('campaigns.whatIf.groups')}
          value={inputs.groups}
          onChange={(value) => typeof value === 'number' && set({ groups: Math.round(value) })}
          min={2}
          max={MAX_ARMS + 1}
          allowDecimal={false}
          data-testid="campaign-whatif-groups"
        />
        <PercentInput label={t('campaigns.power.alpha')} value={inputs.alpha} onChange={(alpha) => alpha !== undefined && set({ alpha })} min={0.001} max={0.5} decimals={1} testId="campaign-whatif-alpha" />
        <PercentInput label={t('campaigns.power.power')} value={inputs.power} onChange={(power) => power !== undefined && set({ power })} min={0.5} max={0.99} decimals={0} testId="campaign-whatif-power" />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="campaign-whatif-variance">
            {t('campaigns.whatIf.variance')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby="campaign-whatif-variance"
            value={inputs.variance}
            onChange={(value) => set({ variance: value === 'unpooled' ? 'unpooled' : 'pooled' })}
            data={[
              { value: 'pooled', label: t('campaigns.whatIf.pooled') },
              { value: 'unpooled', label: t('campaigns.whatIf.unpooled') },
            ]}
          />
        </Stack>
      </SimpleGrid>
      {settled.baseline !== undefined && settled.mde !== undefined ? (
        <WhatIfResult baseline={settled.baseline} mde={settled.mde} inputs={settled} />
      ) : (
        <Text size="sm" c="dimmed" mt="sm">
          {t('campaigns.whatIf.fill')}
        </Text>
      )}
    </Paper>
  );
}

function WhatIfResult({ baseline, mde, inputs }: { baseline: number; mde: number; inputs: Inputs }) {
  const { t } = useTranslation();
  const format = useFormat();
  const result = useApiQuery('campaigns.power', { baseline, mde, alpha: inputs.alpha, power: inputs.power, groups: inputs.groups, variance: inputs.variance });
  if (result.error) {
    return (
      <Text size="sm" c="red" mt="sm">
        {result.error.message}
      </Text>
    );
  }
  if (!result.data) return <Text size="sm" c="dimmed" mt="sm">{t('campaigns.whatIf.working')}</Text>;
  return (
    <Stack gap={4} mt="sm" data-testid="campaign-whatif-result" data-per-arm={result.data.perArm}>
      <Group gap="lg">
        <Text size="sm">
          {t('campaigns.whatIf.perGroup')}{' '}
          <Text span fw={700} className="tabular" data-testid="campaign-whatif-per-arm">
            {format.integer(result.data.perArm)}
          </Text>
        </Text>
        <Text size="sm">
          {t('campaigns.whatIf.total')}{' '}
          <Text span fw={700} className="tabular">
            {format.integer(result.data.total)}
          </Text>
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {result.data.note}
      </Text>
    </Stack>
  );
}

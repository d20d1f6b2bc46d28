import { Group, NumberInput, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { capScores } from '../../../../shared/campaign-schemas';
import { useBuilder } from './BuilderContext';
import { StepCard } from './StepCard';

const CAP_CHOICES = ['auto', ...capScores] as const;
const DEFAULT_CAP = 1000;
/** A first cap that changes something: half the audience, at most DEFAULT_CAP. */
const defaultCap = (size: number | null): number => Math.max(1, Math.min(DEFAULT_CAP, size === null ? DEFAULT_CAP : Math.round(size / 2)));

/** The optional cap: keep only the N customers a model thinks most likely to respond (or to be moved, with uplift). */
export function AudienceCap({ size }: { size: number | null }) {
  const { t } = useTranslation();
  const { plan, update, frozen, problem } = useBuilder();
  const cap = plan.audience.cap;
  const setCap = (next: typeof cap): void => update((p) => ({ ...p, audience: { ...p.audience, cap: next } }));

  return (
    <StepCard title={t('campaigns.cap.title')} help={t('campaigns.cap.help')} testId="campaign-cap-card">
      <Stack gap="sm">
        <Switch
          label={t('campaigns.cap.switch')}
          checked={cap !== undefined}
          onChange={(event) => setCap(event.currentTarget.checked ? { size: defaultCap(size), by: 'auto' } : undefined)}
          disabled={frozen}
          data-testid="campaign-cap"
        />
        {cap && (
          <Group gap="md" align="flex-end" pl={54}>
            <NumberInput
              w={160}
              label={t('campaigns.cap.size')}
              value={cap.size}
              onChange={(value) => typeof value === 'number' && value >= 1 && setCap({ ...cap, size: Math.round(value) })}
              min={1}
              max={10_000_000}
              allowDecimal={false}
              thousandSeparator=","
              disabled={frozen}
              error={problem('audience.cap.size')}
              data-testid="campaign-cap-size"
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="campaign-cap-by-label">
                {t('campaigns.cap.by')}
              </Text>
              <SegmentedControl
                aria-labelledby="campaign-cap-by-label"
                value={cap.by}
                onChange={(value) => {
                  const by = CAP_CHOICES.find((c) => c === value);
                  if (by) setCap({ ...cap, by });
                }}
                data={CAP_CHOICES.map((c) => ({ value: c, label: t(`campaigns.cap.scores.${c}`) }))}
                disabled={frozen}
                data-testid="campaign-cap-by"
              />
            </Stack>
          </Group>
        )}
        {cap && (
          <Text size="xs" c="dimmed" pl={54}>
            {t(`campaigns.cap.scoreHelp.${cap.by}`)}
          </Text>
        )}
      </Stack>
    </StepCard>
  );
}

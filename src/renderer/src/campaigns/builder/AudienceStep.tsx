import { Alert, Button, Grid, Stack, Text } from '@mantine/core';
import { IconLock, IconRoute } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AudienceSpec } from '../../../../shared/campaign-schemas';
import { SegmentsSelect } from '../SegmentsSelect';
import { AudienceCap } from './AudienceCap';
import { AudienceExclusions } from './AudienceExclusions';
import { AudienceHours, AudienceResult } from './AudienceResult';
import { useAnalysis, useBuilder } from './BuilderContext';
import { StepCard } from './StepCard';

/** Step 2: who gets it: segments (or everyone), who is left out and why, an optional cap; the counts alongside. */
export function AudienceStep() {
  const { t } = useTranslation();
  const { plan, update, frozen, segments } = useBuilder();
  const audience = useAnalysis('campaigns.audience');
  const setAudience = (patch: Partial<AudienceSpec>): void => update((p) => ({ ...p, audience: { ...p.audience, ...patch } }));

  return (
    <Stack gap="md">
      {frozen && (
        <Alert color="blue" variant="light" icon={<IconLock size={18} />} title={t('campaigns.audienceStep.frozenTitle')} data-testid="campaign-audience-frozen">
          {t('campaigns.audienceStep.frozenText')}
        </Alert>
      )}
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <StepCard title={t('campaigns.audienceStep.title')} help={t('campaigns.audienceStep.help')} testId="campaign-audience-form">
              <Stack gap="sm">
                <SegmentsSelect
                  segments={segments}
                  value={plan.audience.segmentIds}
                  onChange={(segmentIds) => setAudience({ segmentIds })}
                  label={t('campaigns.audienceStep.segments')}
                  description={t('campaigns.audienceStep.segmentsHelp')}
                  disabled={frozen}
                  testId="campaign-audience-segments"
                />
                {plan.audience.rule && (
                  <Alert color="gray" variant="light" icon={<IconRoute size={18} />} data-testid="campaign-audience-rule">
                    <Text size="sm">{t('campaigns.audienceStep.rule')}</Text>
                    {!frozen && (
                      <Button mt="xs" size="compact-sm" variant="default" onClick={() => setAudience({ rule: undefined })}>
                        {t('campaigns.audienceStep.removeRule')}
                      </Button>
                    )}
                  </Alert>
                )}
              </Stack>
            </StepCard>
            <AudienceExclusions />
            <AudienceCap size={audience.data?.size ?? null} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <AudienceResult query={audience} everyone={plan.audience.segmentIds.length === 0 && !plan.audience.rule} />
        </Grid.Col>
      </Grid>
      {audience.data && <AudienceHours result={audience.data} />}
    </Stack>
  );
}

import { Alert, Button, Group, List, Loader, Paper, Progress, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ExperimentResult } from '../../../../shared/campaign-schemas';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../format/useFormat';
import { PercentInput } from '../inputs';
import { useAnalysis, useBuilder } from './BuilderContext';
import { StepCard } from './StepCard';

type Experiment = ReturnType<typeof useBuilder>['plan']['experiment'];

/** Whether the plan can tell its arms apart: what it needs per group against what this audience gives it. */
export function PowerPlanner() {
  const { t } = useTranslation();
  const format = useFormat();
  const { plan, update, problem } = useBuilder();
  const experiment = useAnalysis('campaigns.experiment');
  const setExperiment = (patch: Partial<Experiment>): void => update((p) => ({ ...p, experiment: { ...p.experiment, ...patch } }));
  const at = (key: string) => problem(`experiment.${key}`);
  const history = experiment.data?.baseline;

  return (
    <StepCard title={t('campaigns.power.title')} help={t('campaigns.power.help')} testId="campaign-power">
      <Stack gap="md">
        <SimpleGrid cols={2} spacing="sm">
          <Stack gap={4}>
            <PercentInput
              label={t('campaigns.power.baseline')}
              description={history ? history.text : t('campaigns.power.baselineHelp')}
              value={plan.experiment.baseline}
              onChange={(baseline) => setExperiment({ baseline })}
              placeholder={history ? `${format.decimal(history.rate * 100, 2)} %` : undefined}
              min={0.0001}
              max={0.9999}
              error={at('baseline')}
              testId="campaign-power-baseline"
            />
            {plan.experiment.baseline !== undefined && (
              <Button size="compact-xs" variant="subtle" leftSection={<IconHistory size={12} />} onClick={() => setExperiment({ baseline: undefined })} data-testid="campaign-power-baseline-reset">
                {t('campaigns.power.useHistory')}
              </Button>
            )}
          </Stack>
          <PercentInput
            label={t('campaigns.power.mde')}
            description={t('campaigns.power.mdeHelp')}
            value={plan.experiment.mde}
            onChange={(mde) => mde !== undefined && setExperiment({ mde })}
            min={0.0001}
            max={0.9999}
            error={at('mde')}
            testId="campaign-power-mde"
          />
          <PercentInput
            label={t('campaigns.power.alpha')}
            description={t('campaigns.power.alphaHelp')}
            value={plan.experiment.alpha}
            onChange={(alpha) => alpha !== undefined && setExperiment({ alpha })}
            min={0.001}
            max={0.5}
            decimals={1}
            error={at('alpha')}
            testId="campaign-power-alpha"
          />
          <PercentInput
            label={t('campaigns.power.power')}
            description={t('campaigns.power.powerHelp')}
            value={plan.experiment.power}
            onChange={(power) => power !== undefined && setExperiment({ power })}
            min={0.5}
            max={0.99}
            decimals={0}
            error={at('power')}
            testId="campaign-power-power"
          />
        </SimpleGrid>
        {experiment.error && <ErrorAlert error={experiment.error} title={t('campaigns.power.failed')} onRetry={experiment.refetch} />}
        {!experiment.data && !experiment.error && <Skeleton h={160} />}
        {experiment.data && <PowerVerdict result={experiment.data} refreshing={experiment.refreshing} />}
      </Stack>
    </StepCard>
  );
}

function PowerVerdict({ result, refreshing }: { result: ExperimentResult; refreshing: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { power } = result;
  const filled = power.perArm > 0 ? Math.min(100, (result.smallestGroup / power.perArm) * 100) : 100;
  const pp = (value: number): string => t('campaigns.power.points', { value: format.decimal(value * 100, 2) });
  return (
    <Stack gap="sm" data-testid="campaign-power-result" data-enough={result.enough} data-per-arm={power.perArm} data-smallest={result.smallestGroup}>
      <Alert
        color={result.enough ? 'teal' : 'red'}
        variant={result.enough ? 'light' : 'filled'}
        icon={result.enough ? <IconCircleCheck size={20} /> : <IconAlertTriangle size={20} />}
        title={result.enough ? t('campaigns.power.enough') : t('campaigns.power.notEnough')}
        data-testid="campaign-power-verdict"
      >
        <Text size="sm">
          {result.detectableEffect === null
            ? t('campaigns.power.noDetectable')
            : t('campaigns.power.detectable', { effect: pp(result.detectableEffect), baseline: format.percent(result.baseline.rate) })}
        </Text>
        {result.warnings.length > 0 && (
          <List size="sm" mt={6} spacing={2} data-testid="campaign-power-warnings">
            {result.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        )}
      </Alert>
      <Paper withBorder p="sm">
        <Group justify="space-between" mb={4}>
          <Text size="sm" fw={600}>
            {t('campaigns.power.neededVsAvailable')}
          </Text>
          {refreshing && <Loader size={12} />}
        </Group>
        <Progress value={filled} color={result.enough ? 'teal' : 'red'} size="lg" aria-label={t('campaigns.power.neededVsAvailable')} />
        <SimpleGrid cols={3} mt="xs" spacing="xs">
          <Figure label={t('campaigns.power.needed')} value={format.integer(power.perArm)} testId="campaign-power-needed" />
          <Figure label={t('campaigns.power.smallest')} value={format.integer(result.smallestGroup)} testId="campaign-power-smallest" />
          <Figure label={t('campaigns.power.total')} value={format.integer(power.total)} testId="campaign-power-total" />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="xs">
          {power.note}
        </Text>
        {power.corrected && (
          <Text size="xs" c="dimmed" mt={4} data-testid="campaign-power-holm">
            {result.comparisonsText}
          </Text>
        )}
      </Paper>
      {result.suggestions.length > 0 && (
        <Paper withBorder p="sm" data-testid="campaign-power-suggestions">
          <Text size="sm" fw={600} mb={4}>
            {t('campaigns.power.suggestions')}
          </Text>
          <List size="sm" spacing={2}>
            {result.suggestions.map((s) => (
              <List.Item key={s}>{s}</List.Item>
            ))}
          </List>
        </Paper>
      )}
    </Stack>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={650} ta="right" className="tabular" data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

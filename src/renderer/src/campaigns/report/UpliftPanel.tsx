import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconTargetArrow, IconUsersPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isCampaignChannel } from '../CampaignBadges';
import { upliftResultSchema, type CampaignDetail, type CampaignPlanInput, type UpliftResult } from '../../../../shared/campaign-schemas';
import { copyGoals } from '../../../../shared/copy-schemas';
import { toApiError, type ApiError } from '../../api/api-error';
import { useApi } from '../../api/useApi';
import { Chart } from '../../charts/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../format/useFormat';
import { upliftOption } from '../campaign-charts';
import type { Go } from '../campaigns-route';
import { JobStatusPanel } from '../../jobs/JobStatusPanel';
import { nextTimePlan } from '../plan-model';
import { useTrackedJob } from '../../jobs/useTrackedJob';

/** The plan of the follow-up: this campaign's own plan when it has one, else one made from what is known of it. */
function followUp(campaign: CampaignDetail, name: string, persuadable: number): CampaignPlanInput {
  if (campaign.plan) return nextTimePlan(campaign.plan, name, persuadable);
  return {
    name,
    goal: copyGoals.find((g) => g === campaign.goal) ?? 'promotion',
    channel: isCampaignChannel(campaign.channel) ? campaign.channel : 'email',
    audience: { segmentIds: [], cap: { size: Math.max(1, persuadable), by: 'uplift' } },
  };
}

/** "Who to target next time": an uplift model fitted on this campaign, the customers it changes, and a campaign for them. */
export function UpliftPanel({ campaign, go }: { campaign: CampaignDetail; go: Go }) {
  const { t } = useTranslation();
  const api = useApi();
  const job = useTrackedJob(upliftResultSchema);
  const result = job.result ?? campaign.uplift;
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<ApiError>();

  const planNext = async (uplift: UpliftResult): Promise<void> => {
    setCreating(true);
    setCreateError(undefined);
    try {
      const next = await api.invoke('campaigns.create', followUp(campaign, t('campaigns.uplift.nextName', { name: campaign.name }).slice(0, 120), uplift.persuadable));
      go({ view: 'builder', id: next.id, step: 'audience' });
    } catch (reason) {
      setCreateError(toApiError(reason));
      setCreating(false);
    }
  };

  return (
    <Paper p="md" data-testid="campaign-uplift">
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <div>
          <Title order={2}>{t('campaigns.uplift.title')}</Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('campaigns.uplift.help')}
          </Text>
        </div>
        <Button
          variant={result ? 'default' : 'filled'}
          leftSection={<IconTargetArrow size={16} />}
          loading={job.running}
          onClick={() => void job.start(() => api.invoke('campaigns.uplift', { id: campaign.id }))}
          data-testid="campaign-uplift-start"
        >
          {result ? t('campaigns.uplift.again') : t('campaigns.uplift.start')}
        </Button>
      </Group>
      <JobStatusPanel job={job} title={t('campaigns.uplift.running')} failedTitle={t('campaigns.uplift.failed')} onRetry={() => void job.start(() => api.invoke('campaigns.uplift', { id: campaign.id }))} testId="campaign-uplift-job" />
      {result && !job.running && <UpliftView result={result} creating={creating} onPlan={() => void planNext(result)} />}
      {createError && <ErrorAlert error={createError} title={t('campaigns.uplift.planFailed')} />}
    </Paper>
  );
}

function UpliftView({ result, creating, onPlan }: { result: UpliftResult; creating: boolean; onPlan: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useMemo(() => upliftOption(result.deciles, format, t), [result.deciles, format, t]);
  if (!result.trained) {
    return (
      <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} title={t('campaigns.uplift.notTrained')} data-testid="campaign-uplift-result" data-trained={false}>
        {result.text}
      </Alert>
    );
  }
  return (
    <Stack gap="md" data-testid="campaign-uplift-result" data-trained={result.trained} data-persuadable={result.persuadable} data-qini={result.qini ?? ''}>
      <Text size="sm">{result.text}</Text>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Figure label={t('campaigns.uplift.persuadable')} value={format.integer(result.persuadable)} testId="campaign-uplift-persuadable" />
        <Figure label={t('campaigns.uplift.qini')} value={result.qini === null ? t('common.none') : format.decimal(result.qini, 3)} testId="campaign-uplift-qini" />
        <Figure label={t('campaigns.uplift.treated')} value={format.integer(result.treated)} testId="campaign-uplift-treated" />
        <Figure label={t('campaigns.uplift.control')} value={format.integer(result.control)} testId="campaign-uplift-control" />
      </SimpleGrid>
      <div>
        <Text size="sm" fw={600}>
          {t('campaigns.uplift.chartTitle')}
        </Text>
        <Text size="xs" c="dimmed" mb="xs">
          {t('campaigns.uplift.chartHelp')}
        </Text>
        <Chart option={option} height={260} label={t('campaigns.uplift.chartTitle')} testId="campaign-uplift-chart" />
      </div>
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" maw={620}>
          {result.persuadable > 0 ? t('campaigns.uplift.planHelp', { count: result.persuadable, customers: format.integer(result.persuadable) }) : t('campaigns.uplift.nobody')}
        </Text>
        <Button leftSection={<IconUsersPlus size={16} />} onClick={onPlan} loading={creating} disabled={result.persuadable === 0} data-testid="campaign-uplift-plan">
          {t('campaigns.uplift.plan', { customers: format.integer(result.persuadable) })}
        </Button>
      </Group>
    </Stack>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={20} fw={650} ta="right" className="tabular" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

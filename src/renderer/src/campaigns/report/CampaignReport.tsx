import { Alert, Button, Skeleton, Stack } from '@mantine/core';
import { IconArrowLeft, IconFileExport, IconListDetails } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { useFormat } from '../../format/useFormat';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';
import { channelName } from '../CampaignBadges';
import { CampaignMissing } from '../CampaignMissing';
import { homeRoute, type Go } from '../campaigns-route';
import { ImportResults } from './ImportResults';
import { ReportBody } from './ReportBody';
import { UpliftPanel } from './UpliftPanel';

/** A campaign's results: import them, read the verdict and the figures behind it, then learn who to target next time. */
export function CampaignReport({ id, go }: { id: number; go: Go }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useWorkspaceQuery('campaigns.get', { id });
  const campaign = detail.data;
  const back = () => go(homeRoute());

  if (detail.error && !campaign) {
    return (
      <Page title={t('sections.campaigns.title')}>
        <CampaignMissing error={detail.error} onBack={back} onRetry={detail.refetch} />
      </Page>
    );
  }
  if (!campaign) {
    return (
      <Page title={t('sections.campaigns.title')}>
        <Skeleton h={480} />
      </Page>
    );
  }

  const toolbar = (
    <>
      <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={back} data-testid="campaign-back">
        {t('campaigns.backToList')}
      </Button>
      {campaign.plan && (
        <Button variant="light" leftSection={<IconListDetails size={16} />} onClick={() => go({ view: 'builder', id, step: 'review' })} data-testid="campaign-open-plan">
          {t('campaigns.report.openPlan')}
        </Button>
      )}
    </>
  );
  const subtitle = t('campaigns.report.subtitle', {
    channel: channelName(t, campaign.channel),
    date: format.date(campaign.sendDate),
    status: t(`campaigns.status.${campaign.status}`),
  });

  return (
    <Page title={t('campaigns.report.title', { name: campaign.name })} subtitle={subtitle} toolbar={toolbar}>
      <Stack gap="md" data-testid="campaign-report" data-id={id} data-status={campaign.status} data-has-results={campaign.hasResults}>
        {campaign.status === 'draft' ? (
          <Alert color="blue" variant="light" title={t('campaigns.report.draftTitle')} data-testid="campaign-report-draft">
            {t('campaigns.report.draftText')}
            <Button mt="sm" size="xs" leftSection={<IconFileExport size={14} />} onClick={() => go({ view: 'builder', id, step: 'review' })}>
              {t('campaigns.report.toExport')}
            </Button>
          </Alert>
        ) : (
          <>
            <ImportResults campaign={campaign} />
            {campaign.hasResults && <ReportBody id={id} />}
            {campaign.hasResults && <UpliftPanel campaign={campaign} go={go} />}
          </>
        )}
      </Stack>
    </Page>
  );
}

import { Button } from '@mantine/core';
import { IconArrowLeft, IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { EmptyState } from '../components/EmptyState';
import { ErrorAlert } from '../components/ErrorAlert';

/** A campaign that could not be loaded: gone (deleted, another workspace) or an error to retry. */
export function CampaignMissing({ error, onBack, onRetry }: { error: ApiError; onBack: () => void; onRetry: () => void }) {
  const { t } = useTranslation();
  if (error.code !== 'not-found') return <ErrorAlert error={error} onRetry={onRetry} />;
  return (
    <EmptyState icon={IconSpeakerphone} title={t('campaigns.missing.title')} text={t('campaigns.missing.text')} testId="campaign-missing">
      <Button leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
        {t('campaigns.backToList')}
      </Button>
    </EmptyState>
  );
}

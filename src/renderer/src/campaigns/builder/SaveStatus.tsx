import { Button, Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CampaignDraft } from './useCampaignDraft';

/** "Saved", "Saving…", or why not (with a retry): the draft is saved at every change, and says so. */
export function SaveStatus({ draft }: { draft: CampaignDraft }) {
  const { t } = useTranslation();
  const { save, saveError, problems } = draft;
  if (save === 'pending' || save === 'saving') {
    return (
      <Group gap={6} data-testid="campaign-save-status" data-state="saving" aria-live="polite">
        <Loader size={12} />
        <Text size="sm" c="dimmed">
          {t('campaigns.save.saving')}
        </Text>
      </Group>
    );
  }
  if (save === 'invalid') {
    const first = Object.values(problems)[0] ?? '';
    return (
      <Tooltip label={first} multiline maw={360} disabled={!first}>
        <Group gap={6} data-testid="campaign-save-status" data-state="invalid" aria-live="polite">
          <IconAlertTriangle size={14} color="var(--mantine-color-orange-filled)" />
          <Text size="sm" c="orange">
            {t('campaigns.save.invalid')}
          </Text>
        </Group>
      </Tooltip>
    );
  }
  if (save === 'failed') {
    return (
      <Group gap={6} data-testid="campaign-save-status" data-state="failed" aria-live="polite">
        <IconAlertTriangle size={14} color="var(--mantine-color-red-filled)" />
        <Tooltip label={saveError?.message ?? ''} multiline maw={360}>
          <Text size="sm" c="red">
            {t('campaigns.save.failed')}
          </Text>
        </Tooltip>
        <Button size="compact-xs" variant="light" color="red" onClick={() => void draft.flush()}>
          {t('errors.retry')}
        </Button>
      </Group>
    );
  }
  return (
    <Group gap={6} data-testid="campaign-save-status" data-state="saved" aria-live="polite">
      <IconCircleCheck size={14} color="var(--mantine-color-teal-filled)" />
      <Text size="sm" c="dimmed">
        {t('campaigns.save.saved')}
      </Text>
    </Group>
  );
}

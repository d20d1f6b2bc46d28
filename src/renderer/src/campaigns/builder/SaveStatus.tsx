import { Button, Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDraft } from './useCampaignDraft';

/** "Saved", "Saving…", or why not (with a retry): the draft is saved at every change, and says so. */
export function SaveStatus({ draft }: { draft: CampaignDraft }) {
  const { t } = useTranslation();
  const { save, saveError, problems } = draft;
  if (save === 'pending' || save === 'saving') {
    return <Line state="saving" icon={<Loader size={12} />} colour="dimmed" text={t('campaigns.save.saving')} />;
  }
  if (save === 'invalid') {
    const warning = <IconAlertTriangle size={14} color="var(--mantine-color-orange-filled)" />;
    return <Line state="invalid" icon={warning} colour="orange" text={t('campaigns.save.invalid')} why={Object.values(problems)[0]} />;
  }
  if (save === 'failed') {
    return (
      <Line state="failed" icon={<IconAlertTriangle size={14} color="var(--mantine-color-red-filled)" />} colour="red" text={t('campaigns.save.failed')} why={saveError?.message}>
        <Button size="compact-xs" variant="light" color="red" onClick={() => void draft.flush()}>
          {t('errors.retry')}
        </Button>
      </Line>
    );
  }
  return <Line state="saved" icon={<IconCircleCheck size={14} color="var(--mantine-color-teal-filled)" />} colour="dimmed" text={t('campaigns.save.saved')} />;
}

type LineProps = {
  state: 'saving' | 'invalid' | 'failed' | 'saved';
  icon: ReactNode;
  colour: string;
  text: string;
  /** Why it is not saved, shown on hovering the words. */
  why?: string;
  children?: ReactNode;
};

function Line({ state, icon, colour, text, why, children }: LineProps) {
  return (
    <Group gap={6} data-testid="campaign-save-status" data-state={state} aria-live="polite">
      {icon}
      <Tooltip label={why} multiline maw={360} disabled={!why}>
        <Text size="sm" c={colour}>
          {text}
        </Text>
      </Tooltip>
      {children}
    </Group>
  );
}

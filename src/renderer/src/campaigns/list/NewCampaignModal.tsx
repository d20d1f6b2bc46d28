import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { campaignChannels, type CampaignChannel } from '../../../../shared/campaign-schemas';
import { copyGoals, type CopyGoal } from '../../../../shared/copy-schemas';
import { toApiError, type ApiError } from '../../api/api-error';
import { useApi } from '../../api/useApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useWorkspaceQuery } from '../../workspace/useWorkspaceQuery';
import { ChannelLabel } from '../CampaignBadges';
import { SegmentsSelect } from '../SegmentsSelect';

type Props = { segmentIds: number[]; onClose: () => void; onCreated: (id: number) => void };

/** The three things a campaign starts with (a name, a goal, a channel) and, optionally, who it is for; then the builder. */
export function NewCampaignModal({ segmentIds, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const segments = useWorkspaceQuery('segments.list', {});
  const [name, setName] = useState('');
  const [goal, setGoal] = useState<CopyGoal>('promotion');
  const [channel, setChannel] = useState<CampaignChannel>('email');
  const [audience, setAudience] = useState<number[]>(segmentIds);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const create = async (): Promise<void> => {
    if (!name.trim() || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const campaign = await api.invoke('campaigns.create', { name: name.trim(), goal, channel, audience: { segmentIds: audience } });
      onCreated(campaign.id);
    } catch (reason) {
      setError(toApiError(reason));
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={() => !busy && onClose()} title={t('campaigns.create.title')} size="lg" data-testid="campaign-create">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('campaigns.create.help')}
          </Text>
          <TextInput
            label={t('campaigns.goal.name')}
            description={t('campaigns.goal.nameHelp')}
            placeholder={t('campaigns.goal.namePlaceholder')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={120}
            required
            data-autofocus
            data-testid="campaign-create-name"
          />
          <Select
            label={t('campaigns.goal.goal')}
            data={copyGoals.map((g) => ({ value: g, label: t(`copy.goals.${g}`) }))}
            value={goal}
            onChange={(value) => {
              const next = copyGoals.find((g) => g === value);
              if (next) setGoal(next);
            }}
            allowDeselect={false}
            data-testid="campaign-create-goal"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="campaign-create-channel-label">
              {t('campaigns.channel.channel')}
            </Text>
            <SegmentedControl
              aria-labelledby="campaign-create-channel-label"
              value={channel}
              onChange={(value) => {
                const next = campaignChannels.find((c) => c === value);
                if (next) setChannel(next);
              }}
              data={campaignChannels.map((c) => ({ value: c, label: <ChannelLabel channel={c} /> }))}
              data-testid="campaign-create-channel"
            />
          </Stack>
          <SegmentsSelect
            segments={segments.data?.segments}
            value={audience}
            onChange={setAudience}
            label={t('campaigns.audienceStep.segments')}
            description={t('campaigns.create.audienceHelp')}
            testId="campaign-create-segments"
          />
          {error && <ErrorAlert error={error} title={t('campaigns.create.failed')} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim()} data-testid="campaign-create-submit">
              {t('campaigns.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

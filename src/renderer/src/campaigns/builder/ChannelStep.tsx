import { Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { campaignChannels } from '../../../../shared/campaign-schemas';
import { useFormat } from '../../format/useFormat';
import { ChannelLabel } from '../CampaignBadges';
import { todayIso } from '../plan-model';
import { useBuilder } from './BuilderContext';
import { StepCard } from './StepCard';

/** Step 3: how and when it goes out, and how long afterwards an order still counts as a response. */
export function ChannelStep() {
  const { t } = useTranslation();
  const format = useFormat();
  const { plan, update, problem, frozen } = useBuilder();
  const past = plan.sendDate !== undefined && plan.sendDate < todayIso();
  return (
    <StepCard title={t('campaigns.channel.title')} help={t('campaigns.channel.help')} testId="campaign-channel">
      <Stack gap="lg" maw={760}>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="campaign-channel-label">
            {t('campaigns.channel.channel')}
          </Text>
          <SegmentedControl
            aria-labelledby="campaign-channel-label"
            value={plan.channel}
            onChange={(value) => {
              const channel = campaignChannels.find((c) => c === value);
              if (channel) update((p) => ({ ...p, channel }));
            }}
            data={campaignChannels.map((c) => ({ value: c, label: <ChannelLabel channel={c} /> }))}
            disabled={frozen}
            data-testid="campaign-channel-choice"
          />
          <Text size="xs" c="dimmed">
            {frozen ? t('campaigns.channel.frozen') : t(`campaigns.channel.channelHelp.${plan.channel}`)}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            type="date"
            label={t('campaigns.channel.sendDate')}
            description={
              past ? (
                <Text span size="xs" c="orange" data-testid="campaign-send-date-past">
                  {t('campaigns.channel.past')}
                </Text>
              ) : plan.sendDate ? (
                format.date(plan.sendDate)
              ) : (
                t('campaigns.channel.sendDateDefault')
              )
            }
            value={plan.sendDate ?? ''}
            onChange={(event) => {
              const sendDate = event.currentTarget.value;
              update((p) => ({ ...p, sendDate: /^\d{4}-\d{2}-\d{2}$/.test(sendDate) ? sendDate : undefined }));
            }}
            error={problem('sendDate')}
            data-testid="campaign-send-date"
          />
          <NumberInput
            label={t('campaigns.channel.window')}
            description={t('campaigns.channel.windowHelp')}
            value={plan.experiment.windowDays}
            onChange={(value) => {
              if (typeof value === 'number' && value >= 1 && value <= 90) update((p) => ({ ...p, experiment: { ...p.experiment, windowDays: Math.round(value) } }));
            }}
            min={1}
            max={90}
            allowDecimal={false}
            suffix={` ${t('campaigns.units.days')}`}
            error={problem('experiment.windowDays')}
            data-testid="campaign-window"
          />
        </SimpleGrid>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('campaigns.channel.windowSentence', {
              from: plan.sendDate ? format.date(plan.sendDate) : t('campaigns.channel.theSendDate'),
              days: format.integer(plan.experiment.windowDays),
            })}
          </Text>
        </Group>
      </Stack>
    </StepCard>
  );
}

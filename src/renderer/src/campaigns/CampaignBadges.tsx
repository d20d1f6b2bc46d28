import { Badge, Group } from '@mantine/core';
import { IconAd2, IconMail, IconMessage, IconSpeakerphone, type Icon } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { campaignChannels, type CampaignChannel, type CampaignStatus } from '../../../shared/campaign-schemas';

export const STATUS_COLOURS: Record<CampaignStatus, string> = { draft: 'gray', exported: 'blue', results: 'teal' };
export const CHANNEL_ICONS: Record<CampaignChannel, Icon> = { email: IconMail, sms: IconMessage, ads: IconAd2 };

export const isCampaignChannel = (value: string): value is CampaignChannel => (campaignChannels as readonly string[]).includes(value);

/** A channel's name; one this version does not know (an imported campaign's) as written. */
export const channelName = (t: TFunction, channel: string): string => (isCampaignChannel(channel) ? t(`campaigns.channels.${channel}`) : channel);

/** Draft, exported or results in: where a campaign stands. */
export function StatusBadge({ status, size = 'sm' }: { status: CampaignStatus; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} variant="light" color={STATUS_COLOURS[status]} data-testid="campaign-status" data-status={status}>
      {t(`campaigns.status.${status}`)}
    </Badge>
  );
}

/** The channel with its icon; a channel this version does not know (an imported one) is shown as written. */
export function ChannelLabel({ channel }: { channel: string }) {
  const { t } = useTranslation();
  const ChannelIcon = isCampaignChannel(channel) ? CHANNEL_ICONS[channel] : IconSpeakerphone;
  return (
    <Group gap={6} wrap="nowrap" component="span">
      <ChannelIcon size={15} stroke={1.6} aria-hidden />
      <span>{channelName(t, channel)}</span>
    </Group>
  );
}

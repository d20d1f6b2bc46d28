import { Alert, Box, Button, Center, Grid, Group, Paper, SegmentedControl, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import {
  IconAd2,
  IconBell,
  IconFileImport,
  IconInfoCircle,
  IconMail,
  IconMessage,
  IconMessageReply,
  IconSearch,
  IconShare,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { copyChannels, socialNetworks, type CopyChannel } from '../../../shared/copy-schemas';
import { navigate } from '../app/navigation';
import { BriefForm } from './BriefForm';
import { useCopyStudio } from './CopyStudioContext';
import { ResultsPanel } from './ResultsPanel';

const CHANNEL_ICONS: Record<CopyChannel, Icon> = {
  email: IconMail,
  sms: IconMessage,
  push: IconBell,
  social: IconShare,
  search_ad: IconSearch,
  display_ad: IconAd2,
  reply: IconMessageReply,
};

/** The Write tab: the channel on top, the brief at the left, the ranked variants at the right. */
export function WriteTab() {
  const { t } = useTranslation();
  const { draft, setDraft, generation, hasCustomers } = useCopyStudio();

  // Ctrl+Enter (⌘+Enter) generates from anywhere in the tab, also from a field — except while editing a variant.
  useHotkeys(
    [
      [
        'mod+Enter',
        (event) => {
          const target = event.target as HTMLElement | null;
          if (target?.closest('[data-copy-editor]') || target?.closest('.mantine-Modal-root')) return;
          generation.start();
        },
      ],
    ],
    [],
  );

  return (
    <Box data-testid="copy-write">
      <Paper p="sm" mb="md">
        <Group gap="md" wrap="wrap" align="center">
          <Text size="sm" fw={600} id="copy-channel-label">
            {t('copy.brief.channel')}
          </Text>
          <SegmentedControl
            aria-labelledby="copy-channel-label"
            value={draft.channel}
            onChange={(value) => {
              const channel = copyChannels.find((c) => c === value);
              if (channel) setDraft((d) => ({ ...d, channel }));
            }}
            data={copyChannels.map((channel) => {
              const ChannelIcon = CHANNEL_ICONS[channel];
              return {
                value: channel,
                label: (
                  <Center style={{ gap: 6 }} data-testid={`copy-channel-${channel}`}>
                    <ChannelIcon size={16} />
                    <span>{t(`copy.channels.${channel}`)}</span>
                  </Center>
                ),
              };
            })}
            data-testid="copy-channel"
          />
          {draft.channel === 'social' && (
            <SegmentedControl
              aria-label={t('copy.brief.network')}
              size="sm"
              value={draft.network}
              onChange={(value) => {
                const network = socialNetworks.find((n) => n === value);
                if (network) setDraft((d) => ({ ...d, network }));
              }}
              data={socialNetworks.map((network) => ({ value: network, label: t(`copy.networks.${network}`) }))}
              data-testid="copy-network"
            />
          )}
        </Group>
      </Paper>
      {!hasCustomers && (
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} mb="md" title={t('copy.noData.title')} data-testid="copy-no-data">
          <Text size="sm">{t('copy.noData.text')}</Text>
          <Button mt="xs" size="compact-sm" variant="light" leftSection={<IconFileImport size={14} />} onClick={() => navigate('data')}>
            {t('copy.noData.import')}
          </Button>
        </Alert>
      )}
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <BriefForm />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <ResultsPanel />
        </Grid.Col>
      </Grid>
    </Box>
  );
}

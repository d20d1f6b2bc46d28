import { Button, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPlus, IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NoDataYet } from '../../components/EmptyState';

/** A workspace without customers: campaigns need an audience, so the two ways to get customers in. */
export function NoCustomers() {
  const { t } = useTranslation();
  return (
    <NoDataYet
      icon={IconSpeakerphone}
      title={t('campaigns.empty.noDataTitle')}
      text={t('campaigns.empty.noDataText')}
      importLabel={t('campaigns.empty.import')}
      demoLabel={t('campaigns.empty.demo')}
      testId="campaigns-no-data"
    />
  );
}

/** Customers but no campaign yet: what a campaign here is, step by step, and the button that starts one. */
export function CampaignsEmpty({ onNew }: { onNew: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper p="xl" data-testid="campaigns-empty">
      <Stack align="center" gap="sm" py="lg" maw={640} mx="auto">
        <ThemeIcon size={52} radius="xl" variant="light">
          <IconSpeakerphone size={28} stroke={1.5} />
        </ThemeIcon>
        <Title order={2} ta="center">
          {t('campaigns.empty.title')}
        </Title>
        <Text size="sm" c="dimmed" ta="center">
          {t('campaigns.empty.text')}
        </Text>
        <List size="sm" spacing={4} type="ordered" my="xs">
          {t('campaigns.empty.steps', { returnObjects: true }).map((step) => (
            <List.Item key={step}>{step}</List.Item>
          ))}
        </List>
        <Button leftSection={<IconPlus size={16} />} onClick={onNew} data-testid="campaigns-empty-new">
          {t('campaigns.toolbar.new')}
        </Button>
      </Stack>
    </Paper>
  );
}

import { Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DemoDataCard } from './DemoDataCard';
import { ImportCard } from './ImportCard';
import classes from './WelcomeScreen.module.css';

/** First launch (an empty workspace): two clear ways to begin. */
export function WelcomeScreen() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" data-testid="welcome">
      <Stack gap={6} className={classes.hero} maw={720}>
        <Title order={2} fz={24}>
          {t('welcome.title')}
        </Title>
        <Text c="dimmed">{t('welcome.intro')}</Text>
        <Group gap={6} c="dimmed">
          <IconLock size={14} />
          <Text size="xs">{t('welcome.privacy')}</Text>
        </Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <DemoDataCard />
        <ImportCard />
      </SimpleGrid>
    </Stack>
  );
}

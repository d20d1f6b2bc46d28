import { Button, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/navigation';
import classes from './WelcomeScreen.module.css';

/** The second way to begin: the import wizard, for the shop's own exports. */
export function ImportCard() {
  const { t } = useTranslation();
  return (
    <Paper p="lg" className={classes.choice} data-testid="welcome-import">
      <Stack gap="md" h="100%">
        <Group gap="sm" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={36} radius="md" variant="light">
              <IconFileImport size={20} stroke={1.6} />
            </ThemeIcon>
            <Title order={2}>{t('welcome.import.title')}</Title>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('welcome.import.body')}
        </Text>
        <List size="sm" spacing={4} c="dimmed">
          <List.Item>{t('welcome.import.point1')}</List.Item>
          <List.Item>{t('welcome.import.point2')}</List.Item>
          <List.Item>{t('welcome.import.point3')}</List.Item>
        </List>
        <Text size="sm">{t('welcome.import.notYet')}</Text>
        <Button
          mt="auto"
          size="md"
          variant="light"
          rightSection={<IconArrowRight size={16} />}
          onClick={() => navigate('data')}
          data-testid="welcome-import-button"
        >
          {t('welcome.import.action')}
        </Button>
      </Stack>
    </Paper>
  );
}

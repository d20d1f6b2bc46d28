import { List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowBackUp, IconEye, IconFileDescription, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const POINTS = [
  { key: 'formats', icon: IconFileDescription },
  { key: 'safe', icon: IconEye },
  { key: 'undo', icon: IconArrowBackUp },
  { key: 'local', icon: IconLock },
] as const;

/** What the marketer should know before choosing a file. */
export function ImportGuide() {
  const { t } = useTranslation();
  return (
    <Paper p="md" bg="var(--mantine-color-default-hover)" withBorder={false} h="100%">
      <Stack gap="sm">
        <Title order={4}>{t('importWizard.guide.title')}</Title>
        <List spacing="sm" size="sm" center>
          {POINTS.map(({ key, icon: Icon }) => (
            <List.Item
              key={key}
              icon={
                <ThemeIcon size={24} radius="xl" variant="light">
                  <Icon size={14} />
                </ThemeIcon>
              }
            >
              <Text size="sm">{t(`importWizard.guide.${key}`)}</Text>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}

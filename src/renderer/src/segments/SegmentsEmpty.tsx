import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBinaryTree, IconFileImport, IconFilter, IconGridDots, IconSparkles } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/navigation';
import { useWorkspace } from '../workspace/useWorkspace';
import { useSegments } from './SegmentsContext';

/** A workspace without customers: what segments will do, and the two ways to get customers in. */
export function NoCustomers() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  return (
    <Paper p="xl" data-testid="segments-empty">
      <Stack align="center" gap="sm" py="xl" maw={600} mx="auto">
        <ThemeIcon size={52} radius="xl" variant="light">
          <IconFilter size={28} stroke={1.5} />
        </ThemeIcon>
        <Title order={2} ta="center">
          {t('segments.empty.title')}
        </Title>
        <Text size="sm" c="dimmed" ta="center">
          {t('segments.empty.text')}
        </Text>
        <Group gap="xs" mt="xs">
          <Button leftSection={<IconFileImport size={16} />} onClick={() => navigate('data')} data-testid="segments-empty-import">
            {t('segments.empty.import')}
          </Button>
          {workspace?.isEmpty && (
            <Button variant="default" leftSection={<IconSparkles size={16} />} onClick={() => navigate('dashboard')}>
              {t('segments.empty.demo')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** Customers but no saved segment yet: the three ways to make one. */
export function NoSegments() {
  const { t } = useTranslation();
  const { go, clearBuilder } = useSegments();
  return (
    <Paper p="xl" data-testid="segments-none">
      <Stack align="center" gap="sm" py="lg" maw={640} mx="auto">
        <ThemeIcon size={52} radius="xl" variant="light">
          <IconFilter size={28} stroke={1.5} />
        </ThemeIcon>
        <Title order={2} ta="center">
          {t('segments.none.title')}
        </Title>
        <Text size="sm" c="dimmed" ta="center">
          {t('segments.none.text')}
        </Text>
        <Group gap="xs" mt="xs" justify="center">
          <Button
            leftSection={<IconBinaryTree size={16} />}
            onClick={() => {
              clearBuilder();
              go({ tab: 'builder' });
            }}
            data-testid="segments-none-build"
          >
            {t('segments.none.build')}
          </Button>
          <Button variant="default" leftSection={<IconGridDots size={16} />} onClick={() => go({ tab: 'discover' })}>
            {t('segments.none.rfm')}
          </Button>
          <Button variant="default" leftSection={<IconSparkles size={16} />} onClick={() => go({ tab: 'discover' })}>
            {t('segments.none.discover')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFileImport, IconSparkles, type Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { navigate } from '../app/navigation';
import { useWorkspace } from '../workspace/useWorkspace';

type EmptyStateProps = { icon: Icon; title: string; text: string; testId: string; maw?: number; py?: 'lg' | 'xl'; children?: ReactNode };

/** A screen with nothing to show yet: an icon, what it will show, and the actions that get there. */
export function EmptyState({ icon: IconComponent, title, text, testId, maw = 600, py = 'xl', children }: EmptyStateProps) {
  return (
    <Paper p="xl" data-testid={testId}>
      <Stack align="center" gap="sm" py={py} maw={maw} mx="auto">
        <ThemeIcon size={52} radius="xl" variant="light">
          <IconComponent size={28} stroke={1.5} />
        </ThemeIcon>
        <Title order={2} ta="center">
          {title}
        </Title>
        <Text size="sm" c="dimmed" ta="center">
          {text}
        </Text>
        {children && (
          <Group gap="xs" mt="xs" justify="center">
            {children}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

type NoDataProps = Omit<EmptyStateProps, 'children' | 'py'> & { importLabel: string; demoLabel: string };

/**
 * A section of an empty workspace: what it will show, and the two ways to get data in — import a file (Data), or
 * create a demo shop (Dashboard, offered only while the workspace is empty).
 */
export function NoDataYet({ importLabel, demoLabel, testId, ...rest }: NoDataProps) {
  const { workspace } = useWorkspace();
  return (
    <EmptyState testId={testId} {...rest}>
      <Button leftSection={<IconFileImport size={16} />} onClick={() => navigate('data')} data-testid={`${testId}-import`}>
        {importLabel}
      </Button>
      {workspace?.isEmpty && (
        <Button variant="default" leftSection={<IconSparkles size={16} />} onClick={() => navigate('dashboard')} data-testid={`${testId}-demo`}>
          {demoLabel}
        </Button>
      )}
    </EmptyState>
  );
}

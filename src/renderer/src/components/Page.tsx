import { Box, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageErrorBoundary } from './PageErrorBoundary';

type Props = {
  title: string;
  /** One line under the title: what this page is about, or the scope of the data shown. */
  subtitle?: ReactNode;
  /** The page's own toolbar, right of the title. */
  toolbar?: ReactNode;
  children: ReactNode;
};

/** Every page: its title and toolbar row, then its content, with its own error boundary. */
export function Page({ title, subtitle, toolbar, children }: Props) {
  return (
    <Stack gap="lg" maw={1280} mx="auto" w="100%">
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="md" mih={44}>
        <Box miw={0}>
          <Title order={1}>{title}</Title>
          {subtitle && (
            <Text size="sm" c="dimmed" mt={2} truncate="end">
              {subtitle}
            </Text>
          )}
        </Box>
        {toolbar && (
          <Group gap="xs" wrap="nowrap">
            {toolbar}
          </Group>
        )}
      </Group>
      <PageErrorBoundary>{children}</PageErrorBoundary>
    </Stack>
  );
}

import { Button, Grid, Stack } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/navigation';
import { Page } from '../components/Page';
import { useWorkspace } from '../workspace/useWorkspace';
import { ImportFormats } from './ImportFormats';
import { WorkspaceContents } from './WorkspaceContents';

export function DataPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  return (
    <Page
      title={t('sections.data.title')}
      subtitle={t('sections.data.subtitle')}
      toolbar={
        workspace?.isEmpty && (
          <Button variant="default" leftSection={<IconSparkles size={16} />} onClick={() => navigate('dashboard')}>
            {t('data.tryDemo')}
          </Button>
        )
      }
    >
      <Grid gap="md" data-testid="placeholder-data">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <ImportFormats />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <WorkspaceContents />
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}

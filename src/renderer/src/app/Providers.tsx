import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiProvider } from '../api/ApiProvider';
import type { ApiClient } from '../api/client';
import { i18n } from '../i18n';
import { JobsProvider } from '../jobs/JobsProvider';
import { colorSchemeManager, theme } from '../theme/theme';
import { WorkspaceProvider } from '../workspace/WorkspaceProvider';

export function Providers({ client, children }: { client: ApiClient; children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto">
        <Notifications position="bottom-right" limit={4} />
        <ApiProvider client={client}>
          <WorkspaceProvider>
            <JobsProvider>{children}</JobsProvider>
          </WorkspaceProvider>
        </ApiProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}

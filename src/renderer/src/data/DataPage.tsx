import { Button, Stack, Tabs } from '@mantine/core';
import { IconCopy, IconFileImport, IconHeartbeat, IconHistory, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../app/navigation';
import { Page } from '../components/Page';
import { SynthTab } from '../synth/SynthTab';
import { useWorkspace } from '../workspace/useWorkspace';
import { DataHealth } from './health/DataHealth';
import { ImportHistory } from './history/ImportHistory';
import { SavedMappings } from './history/SavedMappings';
import { ImportWizard } from './import/ImportWizard';

const TABS = ['import', 'history', 'health', 'synth'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => (TABS as readonly (string | null)[]).includes(value);

/** `#/data/history` opens the history tab directly. */
const tabFromHash = (): Tab => {
  const sub = window.location.hash.replace(/^#\/?/, '').split('/')[1] ?? null;
  return isTab(sub) ? sub : 'import';
};

/** Bring records in (the import wizard), see and undo what came in, check the data's health, and make a synthetic twin. */
export function DataPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const [tab, setTab] = useState<Tab>(tabFromHash);
  // The twin stays mounted once opened, so a training followed live survives a look at another tab.
  const [twinOpened, setTwinOpened] = useState(tab === 'synth');
  if (tab === 'synth' && !twinOpened) setTwinOpened(true);

  const show = (next: Tab): void => {
    setTab(next);
    window.history.replaceState(window.history.state, '', `#/data${next === 'import' ? '' : `/${next}`}`);
  };

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
      {/* Kept mounted so a wizard half-way survives a look at the history; the other tabs load when shown. */}
      <Tabs value={tab} onChange={(value) => isTab(value) && show(value)} keepMounted data-testid="data-tabs">
        <Tabs.List mb="md">
          <Tabs.Tab value="import" leftSection={<IconFileImport size={16} />} data-testid="data-tab-import">
            {t('data.tabs.import')}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="data-tab-history">
            {t('data.tabs.history')}
          </Tabs.Tab>
          <Tabs.Tab value="health" leftSection={<IconHeartbeat size={16} />} data-testid="data-tab-health">
            {t('data.tabs.health')}
          </Tabs.Tab>
          <Tabs.Tab value="synth" leftSection={<IconCopy size={16} />} data-testid="data-tab-synth">
            {t('data.tabs.synth')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="import">
          <ImportWizard onShowHistory={() => show('history')} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          {tab === 'history' && (
            <Stack gap="md">
              <ImportHistory onImport={() => show('import')} />
              <SavedMappings />
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="health">{tab === 'health' && <DataHealth />}</Tabs.Panel>
        <Tabs.Panel value="synth">{twinOpened && <SynthTab />}</Tabs.Panel>
      </Tabs>
    </Page>
  );
}

import { Alert, Badge, Button, Code, CopyButton, Grid, Group, Paper, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { Page } from '../components/Page';
import { LlmSettings } from '../copy-studio/LlmSettings';
import { RetrainSwitch } from '../models/RetrainSwitch';
import { SecuritySection } from '../security/SecuritySection';
import { useWorkspaceQuery } from '../workspace/useWorkspaceQuery';
import { BackendBadge } from './BackendBadge';
import { CurrencySelect } from './CurrencySelect';
import { InfoList } from './InfoList';
import { ThemeControl } from './ThemeControl';

type AppInfo = ChannelOutput<'app.info'>;

function Section({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <Paper p="md">
      <Stack gap="sm">
        <div>
          <Title order={2}>{title}</Title>
          {subtitle && (
            <Text size="xs" c="dimmed">
              {subtitle}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

/** The database file as the folder shows it ("workspace.sqlite"), or its full path when it lives elsewhere. */
function fileInFolder(file: string, folder: string): string {
  const prefix = folder.endsWith('/') || folder.endsWith('\\') ? folder : `${folder}${folder.includes('\\') ? '\\' : '/'}`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

function PathValue({ path, shown = path }: { path: string; shown?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Code fz="xs" style={{ overflowWrap: 'anywhere' }} title={path}>
        {shown}
      </Code>
      <CopyButton value={path}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
            <Button variant="subtle" color="gray" size="compact-xs" onClick={copy} aria-label={t('common.copy')}>
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </Button>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

function WorkspaceSection({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const ws = info.workspace;
  const upToDate = ws.schemaVersion === ws.latestSchemaVersion;
  return (
    <Section title={t('settings.workspace.title')} subtitle={t('settings.workspace.subtitle')}>
      <InfoList
        items={[
          { label: t('settings.workspace.name'), value: ws.name },
          { label: t('settings.workspace.folder'), value: <PathValue path={ws.path} />, testId: 'workspace-path-value' },
          { label: t('settings.workspace.file'), value: <PathValue path={ws.dbFile} shown={fileInFolder(ws.dbFile, ws.path)} /> },
          {
            label: t('settings.workspace.schema'),
            value: (
              <Group gap={6} justify="flex-end" wrap="nowrap">
                <span>{ws.schemaVersion}</span>
                <Badge size="xs" variant="light" color={upToDate ? 'teal' : 'yellow'}>
                  {upToDate ? t('settings.workspace.schemaLatest') : t('settings.workspace.schemaOlder', { latest: String(ws.latestSchemaVersion) })}
                </Badge>
              </Group>
            ),
            testId: 'schema-version',
          },
        ]}
      />
      <CurrencySelect />
    </Section>
  );
}

function MachineLearningSection({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const { tf } = info;
  const yesNo = (value: boolean | null): string =>
    value === null ? t('settings.tf.notApplicable') : value ? t('common.yes') : t('common.no');
  return (
    <Section title={t('settings.tf.title')} subtitle={t('settings.tf.subtitle')}>
      <InfoList
        items={[
          { label: t('settings.tf.backend'), value: <BackendBadge backend={tf.backend} /> },
          { label: t('settings.tf.versionLabel'), value: tf.version },
          { label: t('settings.tf.simd'), value: yesNo(tf.simd), testId: 'tf-simd' },
          {
            label: t('settings.tf.threads'),
            value: tf.threads === null ? t('settings.tf.threadsAuto') : String(tf.threads),
            testId: 'tf-threads',
          },
        ]}
      />
      <Text size="xs" c="dimmed">
        {t(`settings.tf.explain.${tf.backend}`)}
      </Text>
      <RetrainSwitch withDescription />
      {tf.note && (
        <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />} title={t('settings.tf.fallbackTitle')} data-testid="tf-note">
          <Text size="xs">{tf.note}</Text>
        </Alert>
      )}
    </Section>
  );
}

function AboutSection({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <Section title={t('settings.about.title')}>
      <InfoList
        items={[
          { label: t('settings.about.app'), value: info.appVersion, testId: 'version-app' },
          {
            label: t('settings.about.shell'),
            value: info.electron ? t('settings.about.electron', { version: info.electron }) : t('settings.about.browserMode'),
            testId: 'version-electron',
          },
          { label: t('settings.about.node'), value: info.node, testId: 'version-node' },
          { label: t('settings.about.sqlite'), value: info.sqlite, testId: 'version-sqlite' },
          { label: t('settings.about.platform'), value: info.platform },
          {
            label: t('settings.about.connection'),
            value: api.transport.kind === 'electron' ? t('settings.about.ipc') : t('settings.about.websocket'),
          },
        ]}
      />
    </Section>
  );
}

function SettingsSkeleton() {
  return (
    <Grid gap="md">
      {[0, 1, 2].map((i) => (
        <Grid.Col key={i} span={{ base: 12, lg: 6 }}>
          <Paper p="md">
            <Skeleton h={18} w={160} mb="md" />
            {[0, 1, 2, 3].map((j) => (
              <Skeleton key={j} h={14} my={12} />
            ))}
          </Paper>
        </Grid.Col>
      ))}
    </Grid>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const info = useWorkspaceQuery('app.info', {});
  return (
    <Page
      title={t('sections.settings.title')}
      subtitle={t('sections.settings.subtitle')}
      toolbar={
        <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={info.refetch} loading={info.refreshing}>
          {t('common.refresh')}
        </Button>
      }
    >
      {info.error && <ErrorAlert error={info.error} onRetry={info.refetch} />}
      {info.data ? (
        <Grid gap="md" data-testid="settings">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Stack gap="md">
              <WorkspaceSection info={info.data} />
              <SecuritySection />
              <Section title={t('settings.appearance.title')}>
                <ThemeControl />
              </Section>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Stack gap="md">
              <MachineLearningSection info={info.data} />
              <LlmSettings />
              <AboutSection info={info.data} />
            </Stack>
          </Grid.Col>
        </Grid>
      ) : (
        !info.error && <SettingsSkeleton />
      )}
    </Page>
  );
}

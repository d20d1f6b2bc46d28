import { Button, Divider, Loader, Popover, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useWindowEvent } from '@mantine/hooks';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JobProgress } from './JobProgress';
import { useJobs } from './useJobs';

const SHOWN = 12;

/** The top bar's view of background work: a count while jobs run, the list with progress and Cancel on click. */
export function JobTray() {
  const { t } = useTranslation();
  const { jobs, runningCount } = useJobs();
  const shown = jobs.slice(0, SHOWN);
  const [opened, setOpened] = useState(false);
  // Escape closes the tray even when focus has left it (e.g. the Cancel button just disappeared).
  useWindowEvent('keydown', (event) => {
    if (opened && event.key === 'Escape') setOpened(false);
  });
  return (
    <Popover width={380} position="bottom-end" withArrow trapFocus returnFocus opened={opened} onChange={setOpened}>
      <Popover.Target>
        <Button
          onClick={() => setOpened((open) => !open)}
          aria-expanded={opened}
          variant={runningCount > 0 ? 'light' : 'subtle'}
          color={runningCount > 0 ? 'brand' : 'gray'}
          size="sm"
          leftSection={runningCount > 0 ? <Loader size={14} /> : <IconChecklist size={18} stroke={1.6} />}
          data-testid="job-tray"
          data-running={runningCount}
        >
          {runningCount > 0 ? t('jobs.tray.running', { count: runningCount }) : t('jobs.tray.idle')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="job-tray-dropdown">
        <Stack gap={2} px="md" pt="sm" pb="xs">
          <Title order={4}>{t('jobs.tray.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('jobs.tray.subtitle')}
          </Text>
        </Stack>
        <Divider />
        {shown.length === 0 ? (
          <Text size="sm" c="dimmed" p="md">
            {t('jobs.tray.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={420} type="auto">
            <Stack gap={0}>
              {shown.map((job, index) => (
                <Fragment key={job.id}>
                  {index > 0 && <Divider />}
                  <div style={{ padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)' }}>
                    <JobProgress job={job} />
                  </div>
                </Fragment>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

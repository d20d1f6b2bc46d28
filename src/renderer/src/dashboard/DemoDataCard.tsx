import { Alert, Button, Collapse, NumberInput, Paper, SegmentedControl, Stack, Text, ThemeIcon, Title, UnstyledButton, Group } from '@mantine/core';
import { IconChevronRight, IconInfoCircle, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { JobProgress } from '../jobs/JobProgress';
import { useJobs } from '../jobs/useJobs';
import { useWorkspace } from '../workspace/useWorkspace';
import classes from './WelcomeScreen.module.css';

const SIZES = [2_000, 10_000, 100_000] as const;
// The same default as `localyst demo`, so the app and the CLI make the same shop.
const DEFAULT_SEED = 1;

/** Generate a fictional shop to explore every feature; shows the job's live progress inline. */
export function DemoDataCard() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const jobs = useJobs();
  const { refresh } = useWorkspace();
  const [size, setSize] = useState<string>(String(SIZES[0]));
  const [seed, setSeed] = useState<number>(DEFAULT_SEED);
  const [advanced, setAdvanced] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [lastJobId, setLastJobId] = useState<string>();

  const running = jobs.runningOf('demo.generate');
  const last = lastJobId ? jobs.get(lastJobId) : undefined;

  const start = async (): Promise<void> => {
    setStarting(true);
    setError(undefined);
    try {
      const { jobId } = await api.invoke('demo.generate', { customers: Number(size), seed });
      setLastJobId(jobId);
      jobs.track(jobId);
    } catch (reason) {
      const apiError = toApiError(reason);
      setError(apiError);
      // A conflict means the workspace changed under us (data arrived, or another job runs): show the truth.
      if (apiError.code === 'conflict') refresh();
    } finally {
      setStarting(false);
    }
  };

  return (
    <Paper p="lg" className={classes.choice} data-testid="welcome-demo">
      <Stack gap="md" h="100%">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={36} radius="md" variant="light">
            <IconSparkles size={20} stroke={1.6} />
          </ThemeIcon>
          <Title order={2}>{t('welcome.demo.title')}</Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t('welcome.demo.body')}
        </Text>

        {running ? (
          <Paper p="md" bg="var(--mantine-color-default-hover)" withBorder={false} data-testid="demo-progress">
            <JobProgress job={running} size="md" />
          </Paper>
        ) : (
          <>
            <Stack gap={6}>
              <Text size="sm" fw={500} id="demo-size-label">
                {t('welcome.demo.sizeLabel')}
              </Text>
              <SegmentedControl
                aria-labelledby="demo-size-label"
                value={size}
                onChange={setSize}
                fullWidth
                data={SIZES.map((n) => ({ value: String(n), label: format.integer(n) }))}
                data-testid="demo-size"
              />
              <Text size="xs" c="dimmed">
                {t('welcome.demo.sizeHint')}
              </Text>
            </Stack>
            <div>
              <UnstyledButton
                onClick={() => setAdvanced((open) => !open)}
                aria-expanded={advanced}
                className={classes.disclosure}
              >
                <IconChevronRight size={14} className={classes.chevron} data-open={advanced || undefined} />
                <Text size="sm" component="span">
                  {t('welcome.demo.advanced')}
                </Text>
              </UnstyledButton>
              <Collapse expanded={advanced}>
                <NumberInput
                  mt="xs"
                  label={t('welcome.demo.seedLabel')}
                  description={t('welcome.demo.seedHint')}
                  value={seed}
                  onChange={(value) => setSeed(typeof value === 'number' ? value : DEFAULT_SEED)}
                  min={0}
                  max={2 ** 31 - 1}
                  allowDecimal={false}
                  allowNegative={false}
                  maw={320}
                  data-testid="demo-seed"
                />
              </Collapse>
            </div>
          </>
        )}

        {last?.status === 'cancelled' && !running && (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} data-testid="demo-cancelled">
            {t('welcome.demo.cancelled')}
          </Alert>
        )}
        {last?.status === 'failed' && !running && last.error && (
          <ErrorAlert title={t('welcome.demo.failedTitle')} error={last.error} />
        )}
        {error && <ErrorAlert title={t('welcome.demo.startFailedTitle')} error={error} />}

        {!running && (
          <Button mt="auto" size="md" loading={starting} onClick={() => void start()} data-testid="demo-generate">
            {t('welcome.demo.start', { formatted: format.integer(Number(size)) })}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

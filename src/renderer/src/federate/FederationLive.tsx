import { Alert, Badge, Button, CloseButton, CopyButton, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconCircleCheck, IconCopy, IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FederationProgress } from '../../../shared/federate-schemas';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { JobProgress } from '../jobs/JobProgress';
import type { JobView } from '../jobs/jobs-reducer';
import { useJobs } from '../jobs/useJobs';
import { useLossPoints } from '../models/useLossPoints';
import { RoundLossChart } from './RoundLossChart';
import { privacyText, targetText } from './spec-text';

type Props = {
  job: JobView;
  progress: FederationProgress | null;
  accepting: boolean;
  onAccept: () => void;
  onDismiss: () => void;
};

/** A running federation: codes to send (coordinator), the proposal to accept (office), offices and counts, rounds, loss. */
export function FederationLive({ job, progress, accepting, onAccept, onDismiss }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { cancel } = useJobs();
  const points = useLossPoints(job.id).map((p) => ({ round: p.epoch, loss: p.loss }));
  const running = job.status === 'running';
  const invitations = progress?.invitations ?? [];
  const spec = progress?.spec ?? null;
  const approval = running && progress?.phase === 'approval' && spec;

  return (
    <Paper p="md" data-testid="federate-live" data-status={job.status} data-phase={progress?.phase ?? 'starting'}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Title order={2}>{t('federation.live.title')}</Title>
            <Text size="xs" c="dimmed">
              {job.title}
            </Text>
          </div>
          {!running && <CloseButton onClick={onDismiss} aria-label={t('modelLab.live.dismiss')} data-testid="federate-live-dismiss" />}
        </Group>
        {job.status === 'done' && (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="federate-done">
            {t('federation.live.done')}
          </Alert>
        )}
        {job.status === 'cancelled' && <Alert color="gray" variant="light">{t('federation.live.cancelled')}</Alert>}
        {job.status === 'failed' && job.error && <ErrorAlert error={job.error} title={t('federation.live.failed')} />}
        {running && <JobProgress job={job} size="md" showTitle={false} />}

        {running && invitations.length > 0 && (
          <Stack gap={6} data-testid="federate-invitations">
            <Title order={3}>{t('federation.invitations.title')}</Title>
            <Text size="sm" maw={820}>
              {t('federation.invitations.how')}
            </Text>
            {progress?.coordinator && (
              <Text size="xs" c="dimmed">
                {t('federation.invitations.listening', { address: progress.coordinator })}
              </Text>
            )}
            {invitations.map((invitation) => (
              <Group key={invitation.office} gap="sm" wrap="nowrap" align="center" data-testid="federate-invitation" data-office={invitation.office}>
                <Text size="sm" fw={600} w={140} truncate title={invitation.office}>
                  {invitation.office}
                </Text>
                <Text size="xs" ff="monospace" style={{ flex: 1, wordBreak: 'break-all' }} aria-label={t('federation.invitations.office', { office: invitation.office })} data-testid="federate-invitation-code">
                  {invitation.code}
                </Text>
                <CopyButton value={invitation.code}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
                      <Button size="compact-sm" variant="light" color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
                        {copied ? t('common.copied') : t('common.copy')}
                      </Button>
                    </Tooltip>
                  )}
                </CopyButton>
              </Group>
            ))}
          </Stack>
        )}

        {approval && (
          <Paper withBorder p="sm" data-testid="federate-review">
            <Stack gap="xs">
              <Title order={3}>{t('federation.join.review')}</Title>
              <Text size="sm">{t('federation.join.reviewBody')}</Text>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
                <Fact label={t('federation.join.target')} value={`${spec.name} — ${targetText(spec, t)}`} />
                <Fact label={t('federation.join.rounds')} value={format.integer(spec.rounds)} />
                <Fact label={t('federation.join.coordinator')} value={progress?.coordinator ?? '—'} />
                <Fact label={t('federation.join.privacy')} value={privacyText(spec.secure, spec.dp?.epsilon ?? null, t)} />
                <Fact label={t('federation.join.yourRows')} value={format.integer(progress?.participants[0]?.rows ?? 0)} />
              </SimpleGrid>
              <Group gap={4}>
                <Text size="sm" c="dimmed" mr={4}>
                  {t('federation.join.features')}
                </Text>
                {spec.features.map((f) => (
                  <Badge key={f.name} variant="light" tt="none">
                    {f.name}
                  </Badge>
                ))}
              </Group>
              <Group>
                <Button leftSection={<IconShieldLock size={16} />} onClick={onAccept} loading={accepting} data-testid="federate-accept" data-autofocus>
                  {t('federation.join.accept')}
                </Button>
                <Button variant="default" onClick={() => void cancel(job.id)} data-testid="federate-decline">
                  {t('federation.join.decline')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}

        {progress && progress.participants.length > 0 && !approval && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('federation.live.participants')}
              </Text>
              <Table striped withTableBorder verticalSpacing={4} data-testid="federate-participants">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('federation.live.office')}</Table.Th>
                    <Table.Th ta="right">{t('federation.live.rows')}</Table.Th>
                    <Table.Th>{t('federation.live.state')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {progress.participants.map((p) => (
                    <Table.Tr key={p.name} data-testid="federate-participant" data-office={p.name}>
                      <Table.Td>{p.name}</Table.Td>
                      <Table.Td ta="right" className="tabular">
                        {p.rows === null ? <Text span size="xs" c="dimmed">{t('federation.live.waitingRows')}</Text> : format.integer(p.rows)}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed">
                          {p.state}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {progress.rounds > 0 && (
                <Stack gap={2} mt={6}>
                  <Text size="sm" data-testid="federate-round">
                    {t('federation.live.round', { round: String(progress.round), rounds: String(progress.rounds) })}
                  </Text>
                  <Progress value={(100 * progress.round) / progress.rounds} aria-label={t('federation.live.round', { round: String(progress.round), rounds: String(progress.rounds) })} />
                </Stack>
              )}
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('federation.live.loss')}
              </Text>
              <RoundLossChart points={points} testId="federate-loss" />
            </Stack>
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Group>
  );
}

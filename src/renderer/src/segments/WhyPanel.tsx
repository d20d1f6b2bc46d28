import { Alert, Box, Button, Group, List, Paper, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconArrowsShuffle, IconCircleCheckFilled, IconCircleXFilled, IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentRule, WhyNode } from '../../../shared/segment-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import type { ApiClient } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';

type Props = {
  rule: SegmentRule;
  totalCustomers: number | undefined;
  /** Share of customers the rule matches, when counted: too small and a random pick rarely hits one. */
  share: number | undefined;
};

type Answer = { customerId: string; why: WhyNode };
type Shown = Answer & { ruleKey: string };

/** Random customers tried, a batch at a time, when looking for a member. */
const SAMPLE_BATCH = 12;
const SAMPLE_BATCHES = 4;

async function findCustomer(api: ApiClient, customerId: string): Promise<{ id: number; customerId: string } | null> {
  const page = await api.invoke('customers.page', { filters: [{ field: 'customerId', op: 'equals', value: customerId }], sort: [], quickSearch: '', offset: 0, limit: 1 });
  const row = page.rows[0];
  return row ? { id: row.id, customerId: row.customerId } : null;
}

/**
 * A random member: random customers are checked against the rule until one meets it. The engine has no "list the
 * members" call for an unsaved rule, so this samples; a very small segment may need a customer's ID instead.
 */
async function findRandomMember(api: ApiClient, rule: SegmentRule, total: number): Promise<Answer | null> {
  for (let batch = 0; batch < SAMPLE_BATCHES; batch += 1) {
    const offset = Math.floor(Math.random() * Math.max(1, total - SAMPLE_BATCH));
    const page = await api.invoke('customers.page', { filters: [], sort: [], quickSearch: '', offset, limit: SAMPLE_BATCH });
    const rows = [...page.rows].sort(() => Math.random() - 0.5);
    const answers = await Promise.all(rows.map(async (row) => ({ customerId: row.customerId, why: await api.invoke('segments.why', { rule, customerId: row.id }) })));
    const member = answers.find((answer) => answer.why.met);
    if (member) return member;
  }
  return null;
}

/** "Why is this customer in (or not in) the segment?": each condition met or missed, for one customer. */
export function WhyPanel({ rule, totalCustomers, share }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const [customerId, setCustomerId] = useState('');
  const [busy, setBusy] = useState<'check' | 'random' | null>(null);
  const [answer, setAnswerState] = useState<Shown>();
  const ruleKey = JSON.stringify(rule);
  const setAnswer = (next: Answer | undefined): void => setAnswerState(next ? { ...next, ruleKey } : undefined);
  const stale = answer !== undefined && answer.ruleKey !== ruleKey;
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<ApiError>();

  const run = async (mode: 'check' | 'random'): Promise<void> => {
    setBusy(mode);
    setError(undefined);
    setNotice(undefined);
    try {
      if (mode === 'random') {
        const found = await findRandomMember(api, rule, totalCustomers ?? SAMPLE_BATCH);
        setAnswer(found ?? undefined);
        if (found) setCustomerId(found.customerId);
        else setNotice(t('segments.why.noneFound', { tried: format.integer(SAMPLE_BATCH * SAMPLE_BATCHES) }));
      } else {
        const wanted = customerId.trim();
        const customer = wanted ? await findCustomer(api, wanted) : null;
        if (!customer) {
          setAnswer(undefined);
          setNotice(wanted ? t('segments.why.unknown', { id: wanted }) : t('segments.why.typeId'));
        } else {
          setAnswer({ customerId: customer.customerId, why: await api.invoke('segments.why', { rule, customerId: customer.id }) });
        }
      }
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(null);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void run('check');
  };

  return (
    <Paper p="md" h="100%" data-testid="segment-why">
      <Stack gap="sm">
        <div>
          <Title order={3}>{t('segments.why.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('segments.why.help')}
          </Text>
        </div>
        <Group gap="xs" align="flex-end" component="form" onSubmit={submit} wrap="wrap">
          <TextInput
            label={t('segments.why.customerId')}
            placeholder={t('segments.why.customerIdPlaceholder')}
            value={customerId}
            onChange={(e) => setCustomerId(e.currentTarget.value)}
            w={180}
            data-testid="why-customer"
          />
          <Button type="submit" variant="default" leftSection={<IconSearch size={16} />} loading={busy === 'check'} disabled={busy !== null} data-testid="why-check">
            {t('segments.why.check')}
          </Button>
          <Button variant="light" leftSection={<IconArrowsShuffle size={16} />} loading={busy === 'random'} disabled={busy !== null || share === 0} onClick={() => void run('random')} data-testid="why-random">
            {t('segments.why.random')}
          </Button>
        </Group>
        {share !== undefined && share > 0 && share < 0.02 && (
          <Text size="xs" c="dimmed">
            {t('segments.why.rare')}
          </Text>
        )}
        {error && <ErrorAlert error={error} />}
        {notice && (
          <Alert color="gray" variant="light" data-testid="why-notice">
            <Text size="sm">{notice}</Text>
          </Alert>
        )}
        {stale && (
          <Text size="sm" c="dimmed" data-testid="why-stale">
            {t('segments.why.stale', { id: answer.customerId })}
          </Text>
        )}
        {answer && !stale && (
          <Stack gap={6} data-testid="why-result" data-met={answer.why.met}>
            <Group gap={6} wrap="nowrap">
              <Verdict met={answer.why.met} size={20} />
              <Text size="sm" fw={600}>
                {t(answer.why.met ? 'segments.why.inSegment' : 'segments.why.notInSegment', { id: answer.customerId })}
              </Text>
            </Group>
            <WhyTree node={answer.why} root />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

export function Verdict({ met, size = 16 }: { met: boolean; size?: number }) {
  const { t } = useTranslation();
  return (
    <ThemeIcon size={size} radius="xl" variant="transparent" color={met ? 'teal' : 'red'} aria-label={t(met ? 'segments.why.met' : 'segments.why.missed')} role="img">
      {met ? <IconCircleCheckFilled size={size - 2} /> : <IconCircleXFilled size={size - 2} />}
    </ThemeIcon>
  );
}

export function WhyTree({ node, root = false }: { node: WhyNode; root?: boolean }) {
  const children = node.children ?? [];
  const items = root && children.length > 0 ? children : [node];
  return (
    <List listStyleType="none" spacing={4} size="sm" withPadding={!root} data-testid={root ? 'why-tree' : undefined}>
      {items.map((item, index) => (
        <List.Item key={`${item.label}-${index}`} data-testid="why-node" data-met={item.met}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Box mt={1}>
              <Verdict met={item.met} />
            </Box>
            <Text size="sm" c={item.met ? undefined : 'dimmed'}>
              {item.label}
            </Text>
          </Group>
          {item.children && item.children.length > 0 && (
            <Box pl="lg" mt={4}>
              {item.children.map((child, i) => (
                <WhyTree key={`${child.label}-${i}`} node={child} />
              ))}
            </Box>
          )}
        </List.Item>
      ))}
    </List>
  );
}

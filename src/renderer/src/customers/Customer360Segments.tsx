import { Accordion, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Segment, WhyNode } from '../../../shared/segment-schemas';
import { useApi } from '../api/useApi';
import { useApiQuery } from '../api/useApiQuery';
import { Verdict, WhyTree } from '../segments/WhyPanel';

/** Saved dynamic segments checked for one customer; more than this and the block lists the first ones only. */
const MAX_CHECKED = 20;

type Checked = { segment: Segment; why: WhyNode };

/**
 * "Why is this customer in this segment?": every saved dynamic segment with whether the customer meets its rule,
 * and, opened, each condition met or missed. Static segments are snapshots, so their rule no longer decides.
 */
export function Customer360Segments({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useApiQuery('segments.list', {});
  const [checked, setChecked] = useState<Checked[]>();
  const dynamic = (list.data?.segments ?? []).filter((s) => s.kind === 'dynamic').slice(0, MAX_CHECKED);
  const key = dynamic.map((s) => `${s.id}:${s.updatedAt}`).join(',');

  useEffect(() => {
    let live = true;
    setChecked(undefined);
    void Promise.all(dynamic.map(async (segment) => ({ segment, why: await api.invoke('segments.why', { rule: segment.rule, customerId }) })))
      .then((answers) => {
        if (live) setChecked(answers);
      })
      .catch(() => {
        if (live) setChecked([]);
      });
    return () => {
      live = false;
    };
    // `key` stands for the dynamic segments' identity and versions (`dynamic` is a new array each render).
  }, [api, customerId, key]);

  if (list.data && dynamic.length === 0) return null;
  const members = checked?.filter((c) => c.why.met).length ?? 0;
  return (
    <Stack gap={6} data-testid="customer-360-segments">
      <Group justify="space-between">
        <Title order={4}>{t('customer360.segments.title')}</Title>
        {checked && (
          <Text size="xs" c="dimmed">
            {t('customer360.segments.summary', { members: String(members), total: String(checked.length) })}
          </Text>
        )}
      </Group>
      {!checked ? (
        <Skeleton height={60} />
      ) : (
        <Accordion variant="separated" chevronPosition="left" multiple>
          {checked.map(({ segment, why }) => (
            <Accordion.Item key={segment.id} value={String(segment.id)} data-testid="customer-360-segment" data-met={why.met}>
              <Accordion.Control>
                <Group gap={8} wrap="nowrap">
                  <Verdict met={why.met} />
                  <Text size="sm" fw={why.met ? 600 : 400} truncate="end">
                    {segment.name}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <WhyTree node={why} root />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}

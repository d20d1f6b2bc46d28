import { ActionIcon, Button, Group, Paper, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../../shared/campaign-schemas';
import { userLocale } from '../../format/formatters';
import { useFormat } from '../../format/useFormat';
import { STATUS_COLOURS } from '../CampaignBadges';
import { todayIso } from '../plan-model';
import classes from './CampaignCalendar.module.css';

type Props = { campaigns: CampaignSummary[]; onOpen: (campaign: CampaignSummary) => void };

const DAY_MS = 86_400_000;
const iso = (date: Date): string => date.toISOString().slice(0, 10);
const monthOf = (isoDate: string): string => isoDate.slice(0, 7);

/** The month to show first: this one when something is sent in it or later, else the month of the latest send. */
function firstMonth(campaigns: readonly CampaignSummary[]): string {
  const today = todayIso();
  const latest = campaigns.reduce<string | null>((max, c) => (max === null || c.sendDate > max ? c.sendDate : max), null);
  return latest === null || latest >= today.slice(0, 7) ? monthOf(today) : monthOf(latest);
}

function shiftMonth(month: string, by: number): string {
  const [y = 1970, m = 1] = month.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1 + by, 1));
  return iso(date).slice(0, 7);
}

/** The weeks (Monday first) that show a month: its days, and the neighbours' days that fill its first and last week. */
function weeksOf(month: string): string[] {
  const [y = 1970, m = 1] = month.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1));
  const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const offset = (first.getUTCDay() + 6) % 7;
  const start = first.getTime() - offset * DAY_MS;
  return Array.from({ length: Math.ceil((offset + length) / 7) * 7 }, (_, i) => iso(new Date(start + i * DAY_MS)));
}

/** Send dates on a month grid: what goes out when, each campaign one click from its builder or report. */
export function CampaignCalendar({ campaigns, onOpen }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [month, setMonth] = useState(() => firstMonth(campaigns));
  const days = useMemo(() => weeksOf(month), [month]);
  const byDay = useMemo(() => {
    const map = new Map<string, CampaignSummary[]>();
    for (const c of campaigns) map.set(c.sendDate, [...(map.get(c.sendDate) ?? []), c]);
    return map;
  }, [campaigns]);
  const weekdays = useMemo(() => {
    const names = new Intl.DateTimeFormat(userLocale(), { weekday: 'short', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    return Array.from({ length: 7 }, (_, i) => names.format(new Date(Date.UTC(2024, 0, 1 + i))));
  }, []);
  const today = todayIso();
  const inMonth = campaigns.filter((c) => monthOf(c.sendDate) === month).length;

  return (
    <Paper p="md" data-testid="campaigns-calendar" data-month={month}>
      <Group justify="space-between" mb="sm" gap="sm">
        <Stack gap={0}>
          <Title order={2} data-testid="campaigns-calendar-month">
            {format.month(month, 'long')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('campaigns.calendar.count', { count: inMonth, formatted: format.integer(inMonth) })}
          </Text>
        </Stack>
        <Group gap={4}>
          <Tooltip label={t('campaigns.calendar.previous')}>
            <ActionIcon variant="default" size="lg" onClick={() => setMonth((m) => shiftMonth(m, -1))} aria-label={t('campaigns.calendar.previous')} data-testid="campaigns-calendar-previous">
              <IconChevronLeft size={16} />
            </ActionIcon>
          </Tooltip>
          <Button variant="default" onClick={() => setMonth(monthOf(today))} data-testid="campaigns-calendar-today">
            {t('campaigns.calendar.today')}
          </Button>
          <Tooltip label={t('campaigns.calendar.next')}>
            <ActionIcon variant="default" size="lg" onClick={() => setMonth((m) => shiftMonth(m, 1))} aria-label={t('campaigns.calendar.next')} data-testid="campaigns-calendar-next">
              <IconChevronRight size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <div className={classes.grid} role="group" aria-label={format.month(month, 'long')}>
        {weekdays.map((name) => (
          <div key={name} className={classes.weekday} aria-hidden>
            {name}
          </div>
        ))}
        {days.map((day) => {
          const items = byDay.get(day) ?? [];
          return (
            <div
              key={day}
              className={classes.day}
              role="group"
              aria-label={format.date(day)}
              data-outside={monthOf(day) !== month || undefined}
              data-today={day === today || undefined}
              data-testid="calendar-day"
              data-date={day}
            >
              <span className={classes.number}>{Number(day.slice(8))}</span>
              {items.map((c) => (
                <Tooltip key={c.id} label={`${c.name} · ${t(`campaigns.status.${c.status}`)}`}>
                  <UnstyledButton
                    className={classes.item}
                    onClick={() => onOpen(c)}
                    style={{ background: `var(--mantine-color-${STATUS_COLOURS[c.status]}-light)`, color: `var(--mantine-color-${STATUS_COLOURS[c.status]}-light-color)` }}
                    data-testid="calendar-campaign"
                    data-id={c.id}
                    data-status={c.status}
                  >
                    {c.name}
                  </UnstyledButton>
                </Tooltip>
              ))}
            </div>
          );
        })}
      </div>
      <Group gap="md" mt="xs">
        {(['draft', 'exported', 'results'] as const).map((status) => (
          <Group key={status} gap={6}>
            <span style={{ width: 10, height: 10, borderRadius: 3, background: `var(--mantine-color-${STATUS_COLOURS[status]}-filled)` }} aria-hidden />
            <Text size="xs" c="dimmed">
              {t(`campaigns.status.${status}`)}
            </Text>
          </Group>
        ))}
      </Group>
    </Paper>
  );
}

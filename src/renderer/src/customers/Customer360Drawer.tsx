import { Badge, Button, Drawer, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEye, IconFingerprint, IconLock, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Customer360, EraseResult } from '../../../shared/customer-schemas';
import { toApiError, type ApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useApiQuery } from '../api/useApiQuery';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormat } from '../format/useFormat';
import { CategoryShares, KeyFigures, SpendChart } from './Customer360Figures';
import { Predictions } from './Customer360Predictions';
import { Customer360Segments } from './Customer360Segments';
import { CustomerTimeline } from './CustomerTimeline';
import { CustomerRecommendations } from '../recommend/CustomerRecommendations';

type Revealed = { firstName: string | null; lastName: string | null; email: string | null; phone: string | null };

type Props = {
  customerId: number | null;
  currency: string;
  onClose: () => void;
  /** The customer was erased: the explorer refreshes, and offers to delete the files that still hold them. */
  onErased: (result: EraseResult) => void;
};

/** Everything about one customer: key figures, spend by month, categories, the timeline, reveal and erase. */
export function Customer360Drawer({ customerId, currency, onClose, onErased }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={customerId !== null}
      onClose={onClose}
      position="right"
      size={620}
      title={t('customer360.title')}
      closeButtonProps={{ 'aria-label': t('customer360.close') }}
      data-testid="customer-360"
    >
      {customerId !== null && <CustomerDetails key={customerId} id={customerId} currency={currency} onErased={onErased} />}
    </Drawer>
  );
}

function CustomerDetails({ id, currency, onErased }: { id: number; currency: string; onErased: (result: EraseResult) => void }) {
  const { t } = useTranslation();
  const query = useApiQuery('customers.get', { id });
  const [revealed, setRevealed] = useState<Revealed>();
  const data = query.data;
  if (query.error) return <ErrorAlert error={query.error} title={t('customer360.loadFailed')} onRetry={query.refetch} />;
  if (!data) {
    return (
      <Stack gap="md" aria-busy>
        <Skeleton h={28} w="60%" />
        <Skeleton h={120} />
        <Skeleton h={180} />
        <Skeleton h={240} />
      </Stack>
    );
  }
  return (
    <Stack gap="lg" data-testid="customer-360-body" data-customer-id={data.customer.customerId}>
      <Identity data={data} revealed={revealed} onRevealed={setRevealed} onErased={onErased} />
      <KeyFigures data={data} currency={currency} />
      <Predictions scores={data.scores} currency={currency} />
      <Customer360Segments customerId={data.customer.id} />
      <CustomerRecommendations customerId={data.customer.id} />
      <SpendChart months={data.spendByMonth} currency={currency} />
      <CategoryShares categories={data.categories} currency={currency} />
      <CustomerTimeline data={data} currency={currency} />
    </Stack>
  );
}

function Identity({ data, revealed, onRevealed, onErased }: { data: Customer360; revealed: Revealed | undefined; onRevealed: (r: Revealed) => void; onErased: (result: EraseResult) => void }) {
  const { t } = useTranslation();
  const c = data.customer;
  const name = revealed ? [revealed.firstName, revealed.lastName].filter(Boolean).join(' ') || null : c.name;
  const email = revealed ? revealed.email : c.email;
  const phone = revealed ? revealed.phone : c.phone;
  const place = [c.city, c.country].filter(Boolean).join(', ');
  const LockIcon = revealed ? IconEye : c.pseudonymized ? IconFingerprint : IconLock;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} miw={0}>
          <Group gap={8} wrap="nowrap">
            <Title order={2} data-testid="customer-360-name">
              {name ?? c.customerId}
            </Title>
            {c.pseudonymized && (
              <Badge size="sm" variant="light" color="gray" leftSection={<IconFingerprint size={12} />}>
                {t('customer360.pseudonymised')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {[t('customer360.id', { id: c.customerId }), place].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
      </Group>
      <Group gap="lg" data-testid="customer-360-identity" data-revealed={Boolean(revealed)}>
        <Group gap={6} wrap="nowrap">
          <LockIcon size={14} style={{ opacity: 0.6 }} aria-hidden />
          <Text size="sm" data-testid="customer-360-email">
            {email ?? t('customer360.noEmail')}
          </Text>
        </Group>
        <Text size="sm" c={phone ? undefined : 'dimmed'} data-testid="customer-360-phone">
          {phone ?? t('customer360.noPhone')}
        </Text>
      </Group>
      <Group gap="xs">
        <RevealButton data={data} revealed={revealed !== undefined} onRevealed={onRevealed} />
        <EraseButton data={data} onErased={onErased} />
      </Group>
    </Stack>
  );
}

function RevealButton({ data, revealed, onRevealed }: { data: Customer360; revealed: boolean; onRevealed: (r: Revealed) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const reveal = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.invoke('customers.reveal', { id: data.customer.id });
      onRevealed(result);
      setAsking(false);
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconEye size={14} />}
        disabled={revealed || data.customer.pseudonymized}
        title={data.customer.pseudonymized ? t('customer360.reveal.pseudonymised') : undefined}
        onClick={() => setAsking(true)}
        data-testid="customer-360-reveal"
      >
        {revealed ? t('customer360.reveal.shown') : t('customer360.reveal.button')}
      </Button>
      <ConfirmDialog
        opened={asking}
        title={t('customer360.reveal.title')}
        confirmLabel={t('customer360.reveal.confirm')}
        busy={busy}
        error={error}
        onConfirm={() => void reveal()}
        onClose={() => {
          setAsking(false);
          setError(undefined);
        }}
        testId="customer-360-reveal-dialog"
      >
        <Text size="sm">
          <Trans i18nKey="customer360.reveal.text" values={{ id: data.customer.customerId }} components={{ id: <b style={{ whiteSpace: 'nowrap' }} /> }} />
        </Text>
      </ConfirmDialog>
    </>
  );
}

function EraseButton({ data, onErased }: { data: Customer360; onErased: (result: EraseResult) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const c = data.customer;
  const erase = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.invoke('customers.erase', { id: c.id });
      notifications.show({
        color: 'teal',
        title: t('customer360.erase.doneTitle', { id: result.customerId }),
        message: t('customer360.erase.doneText', {
          orders: format.integer(result.orders),
          lines: format.integer(result.orderLines),
          reviews: format.integer(result.reviews),
          campaigns: format.integer(result.campaignResults),
          copy: format.integer(result.savedCopy),
          jobs: format.integer(result.jobs),
          backups: format.integer(result.backupsCleaned.length),
        }),
      });
      setAsking(false);
      onErased(result);
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => setAsking(true)} data-testid="customer-360-erase">
        {t('customer360.erase.button')}
      </Button>
      <ConfirmDialog
        opened={asking}
        title={t('customer360.erase.title', { id: c.customerId })}
        confirmLabel={t('customer360.erase.confirm')}
        danger
        busy={busy}
        error={error}
        onConfirm={() => void erase()}
        onClose={() => {
          setAsking(false);
          setError(undefined);
        }}
        testId="customer-360-erase-dialog"
      >
        <Text size="sm">
          <Trans
            i18nKey="customer360.erase.text"
            values={{
              id: c.customerId,
              orders: format.integer(c.orders),
              returns: format.integer(c.returns),
              reviews: format.integer(data.reviews.count),
              campaigns: format.integer(data.campaigns.sent),
            }}
            components={{ id: <b style={{ whiteSpace: 'nowrap' }} /> }}
          />
        </Text>
        <Text size="sm" fw={600}>
          {t('customer360.erase.permanent')}
        </Text>
      </ConfirmDialog>
    </>
  );
}

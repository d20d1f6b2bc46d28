import { Alert, Badge, Group, Modal, Paper, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconUser } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personalisationTokens, type Brief, type CopyFields, type PersonalisationToken } from '../../../shared/copy-schemas';
import { useApiQuery } from '../api/useApiQuery';
import { ErrorAlert } from '../components/ErrorAlert';
import { ChannelView, type RenderPart } from './ChannelView';
import { alignRendered, splitTokens } from './copy-text';
import { useFieldText } from './labels';
import { PiecesText } from './TokenText';

type Props = { onClose: () => void; fields: CopyFields; brief: Brief };

const PREVIEW_COUNT = 3;
const tokenName = (token: string): string => (token in personalisationTokens ? personalisationTokens[token as PersonalisationToken] : token);

/** The copy filled in for real customers (of the brief's segment, or any), the values marked and fallbacks flagged. */
export function PreviewModal({ onClose, fields, brief }: Props) {
  const { t } = useTranslation();
  const segmentId = brief.audience?.segmentId;
  const [scope, setScope] = useState<'segment' | 'any'>(segmentId ? 'segment' : 'any');
  const preview = useApiQuery('copy.preview', { fields, count: PREVIEW_COUNT, ...(scope === 'segment' && segmentId ? { segmentId } : {}) });
  const { parts } = useFieldText();
  const templates = useMemo(() => new Map(parts(fields).map((p) => [p.key, p.text])), [parts, fields]);
  const tokens = useMemo(() => {
    const all = parts(fields).flatMap((p) => splitTokens(p.text).flatMap((piece) => (piece.kind === 'token' ? [piece] : [])));
    return [...new Map(all.map((p) => [p.text, p])).values()];
  }, [parts, fields]);

  return (
    <Modal opened onClose={onClose} title={t('copy.preview.title')} size="xl" data-testid="copy-preview">
      <Stack gap="md">
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="dimmed" style={{ flex: 1, minWidth: 240 }}>
            {tokens.length > 0 ? t('copy.preview.help') : t('copy.preview.noTokens')}
          </Text>
          {segmentId !== undefined && (
            <SegmentedControl
              size="xs"
              value={scope}
              onChange={(value) => setScope(value === 'any' ? 'any' : 'segment')}
              data={[
                { value: 'segment', label: t('copy.preview.scopeSegment') },
                { value: 'any', label: t('copy.preview.scopeAny') },
              ]}
              data-testid="copy-preview-scope"
            />
          )}
        </Group>
        {tokens.length > 0 && (
          <Group gap={6} data-testid="copy-preview-tokens">
            <Text size="xs" c="dimmed">
              {t('copy.preview.tokens')}
            </Text>
            {tokens.map((token) => (
              <Badge key={token.text} size="sm" variant="light" color="violet" tt="none" ff="monospace">
                {token.text}
                {` · ${tokenName(token.token)}`}
              </Badge>
            ))}
          </Group>
        )}
        {preview.data && preview.data.unknownTokens.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('copy.preview.unknownTitle')} data-testid="copy-preview-unknown">
            {t('copy.preview.unknown', { tokens: preview.data.unknownTokens.join(', '), known: Object.keys(personalisationTokens).join(', ') })}
          </Alert>
        )}
        {preview.error && <ErrorAlert error={preview.error} onRetry={preview.refetch} />}
        {!preview.data && !preview.error && <Skeleton h={220} />}
        {preview.data && preview.data.previews.length === 0 && (
          <Text size="sm" c="dimmed" ta="center">
            {t('copy.preview.none')}
          </Text>
        )}
        {preview.data?.previews.map((p) => {
          const render: RenderPart = (key, text, size, strong) => {
            const template = templates.get(key) ?? text;
            const pieces = alignRendered(template, text) ?? [{ kind: 'text' as const, text }];
            return <PiecesText pieces={pieces} fallbacks={p.fallbacks} rendered size={size} fw={strong ? 600 : undefined} />;
          };
          return (
            <Paper key={p.customerId} withBorder p="sm" data-testid="copy-preview-customer" data-fallbacks={p.fallbacks.length}>
              <Group justify="space-between" mb="xs" gap="xs">
                <Group gap={6}>
                  <IconUser size={14} />
                  <Text size="sm" fw={600}>
                    {t('copy.preview.customer', { id: p.externalId })}
                  </Text>
                </Group>
                {p.fallbacks.length > 0 ? (
                  <Badge size="sm" variant="light" color="yellow" tt="none" data-testid="copy-preview-fallbacks">
                    {t('copy.preview.fallbacks', { fields: p.fallbacks.map(tokenName).join(', ') })}
                  </Badge>
                ) : (
                  tokens.length > 0 && (
                    <Badge size="sm" variant="light" color="teal" tt="none">
                      {t('copy.preview.allFilled')}
                    </Badge>
                  )
                )}
              </Group>
              <ChannelView fields={p.fields} checks={[]} brief={brief} render={render} />
            </Paper>
          );
        })}
      </Stack>
    </Modal>
  );
}

import { Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUser } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { personalisationTokens, type CopyFields, type PersonalisationToken } from '../../../../shared/copy-schemas';
import { useApiQuery } from '../../api/useApiQuery';
import { ErrorAlert } from '../../components/ErrorAlert';
import { alignRendered } from '../../copy-studio/copy-text';
import { useFieldText } from '../../copy-studio/labels';
import { PiecesText } from '../../copy-studio/TokenText';

const PREVIEW_COUNT = 3;
const PREVIEW_DELAY_MS = 500;
const tokenName = (token: string): string => (token in personalisationTokens ? personalisationTokens[token as PersonalisationToken] : token);

/** The message filled in for a few real members of this audience: their values marked, fallbacks flagged. */
export function ArmPreview({ fields, sampleIds }: { fields: CopyFields | undefined; sampleIds: number[] }) {
  const { t } = useTranslation();
  const [settled] = useDebouncedValue(fields, PREVIEW_DELAY_MS);
  const { parts } = useFieldText();
  const hasText = settled !== undefined && parts(settled).some((p) => p.text.trim() !== '');
  return (
    <Stack gap="xs" data-testid="campaign-arm-preview">
      <Title order={4}>{t('campaigns.content.previewTitle')}</Title>
      {!hasText ? (
        <Text size="sm" c="dimmed">
          {t('campaigns.content.previewEmpty')}
        </Text>
      ) : sampleIds.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('campaigns.content.previewNoMembers')}
        </Text>
      ) : (
        <PreviewList fields={settled} customerIds={sampleIds.slice(0, PREVIEW_COUNT)} />
      )}
    </Stack>
  );
}

function PreviewList({ fields, customerIds }: { fields: CopyFields; customerIds: number[] }) {
  const { t } = useTranslation();
  const { parts } = useFieldText();
  const preview = useApiQuery('copy.preview', { fields, customerIds });
  const templates = useMemo(() => new Map(parts(fields).map((p) => [p.key, p.text])), [parts, fields]);
  if (preview.error) return <ErrorAlert error={preview.error} onRetry={preview.refetch} />;
  if (!preview.data) return <Skeleton h={160} />;
  return (
    <Stack gap="xs">
      {preview.data.unknownTokens.length > 0 && (
        <Text size="sm" c="red" data-testid="campaign-preview-unknown">
          {t('campaigns.content.unknownTokens', { tokens: preview.data.unknownTokens.join(', ') })}
        </Text>
      )}
      {preview.data.previews.map((p) => (
        <Paper key={p.customerId} withBorder p="sm" data-testid="campaign-preview-customer" data-fallbacks={p.fallbacks.length}>
          <Group justify="space-between" mb={4} gap="xs">
            <Group gap={6}>
              <IconUser size={14} />
              <Text size="sm" fw={600}>
                {t('copy.preview.customer', { id: p.externalId })}
              </Text>
            </Group>
            {p.fallbacks.length > 0 && (
              <Badge size="sm" variant="light" color="yellow" tt="none">
                {t('copy.preview.fallbacks', { fields: p.fallbacks.map(tokenName).join(', ') })}
              </Badge>
            )}
          </Group>
          <Stack gap={4}>
            {parts(p.fields)
              .filter((part) => part.text.trim() !== '')
              .map((part) => {
                const pieces = alignRendered(templates.get(part.key) ?? part.text, part.text) ?? [{ kind: 'text' as const, text: part.text }];
                return (
                  <div key={part.key}>
                    <Text size="xs" c="dimmed">
                      {part.label}
                    </Text>
                    <PiecesText pieces={pieces} fallbacks={p.fallbacks} rendered size="sm" lineClamp={part.key === 'body' ? 4 : undefined} />
                  </div>
                );
              })}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

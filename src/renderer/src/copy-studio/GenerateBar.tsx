import { Button, Divider, Group, Kbd, NumberInput, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconDice5, IconSparkles } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import classes from './copy-studio.module.css';
import { useCopyStudio } from './CopyStudioContext';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const MAX_SEED = 2 ** 31 - 1;

/** The fields the form shows an error at; an error elsewhere is listed under the button. */
const SHOWN_AT_FIELD = new Set([
  'product.name',
  'product.description',
  'product.benefits',
  'product.price',
  'product.currency',
  'offer.discountPercent',
  'offer.code',
  'offer.endsOn',
  'audience',
  'audience.description',
  'audience.segmentId',
  'brand.name',
  'brand.bannedWords',
  'brand.preferredWords',
  'brand.sampleCopy',
  'replyTo',
  'replyTo.text',
  'variants',
  'seed',
]);

/** How many variants, from which seed, by which engine — and the button (or Ctrl+Enter) that starts it. */
export function GenerateBar() {
  const { t } = useTranslation();
  const { settings, setSettings, generation, llm, sampleBusy } = useCopyStudio();
  const running = generation.job?.status === 'running';
  const llmReady = Boolean(llm?.available && llm.model);
  const llmReason = !llm ? t('copy.generate.llmChecking') : !llm.available ? t('copy.generate.llmUnavailable', { detail: llm.detail }) : !llm.model ? t('copy.generate.llmNoModel') : '';
  const nonFieldError = generation.error && Object.keys(generation.fieldErrors).length === 0 ? generation.error : undefined;
  const fieldErrorCount = Object.keys(generation.fieldErrors).length;
  const elsewhere = Object.entries(generation.fieldErrors).filter(([key]) => !SHOWN_AT_FIELD.has(key));

  return (
    <>
      <Stack gap="sm" data-testid="copy-generate-bar">
        <Divider />
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <NumberInput
            label={t('copy.generate.variants')}
            w={96}
            min={1}
            max={20}
            clampBehavior="strict"
            allowDecimal={false}
            value={settings.variants}
            onChange={(value) => typeof value === 'number' && setSettings((s) => ({ ...s, variants: value }))}
            error={generation.fieldErrors['variants']}
            data-testid="copy-variants"
          />
          <NumberInput
            label={t('copy.generate.seed')}
            description={undefined}
            w={120}
            min={0}
            max={MAX_SEED}
            clampBehavior="strict"
            allowDecimal={false}
            allowNegative={false}
            value={settings.seed}
            onChange={(value) => typeof value === 'number' && setSettings((s) => ({ ...s, seed: value }))}
            error={generation.fieldErrors['seed']}
            data-testid="copy-seed"
          />
          <Tooltip label={t('copy.generate.newIdeasHint')}>
            <Button
              variant="default"
              leftSection={<IconDice5 size={16} />}
              onClick={() => setSettings((s) => ({ ...s, seed: nextSeed(s.seed) }))}
              data-testid="copy-new-ideas"
            >
              {t('copy.generate.newIdeas')}
            </Button>
          </Tooltip>
        </Group>
        <div>
          <Text size="sm" fw={500} mb={4} id="copy-engine-label">
            {t('copy.generate.engine')}
          </Text>
          <Tooltip label={llmReason} disabled={llmReady} multiline w={300} position="top-start">
            <SegmentedControl
              fullWidth
              aria-labelledby="copy-engine-label"
              value={settings.engine}
              onChange={(value) => setSettings((s) => ({ ...s, engine: value === 'llm' && llmReady ? 'llm' : 'builtin' }))}
              data={[
                { value: 'builtin', label: t('copy.generate.builtin') },
                { value: 'llm', label: llm?.model ? t('copy.generate.llmNamed', { name: llm.model.name }) : t('copy.generate.llm'), disabled: !llmReady },
              ]}
              data-testid="copy-engine"
            />
          </Tooltip>
          <Text size="xs" c="dimmed" mt={4} data-testid="copy-engine-help">
            {settings.engine === 'llm' ? t('copy.generate.llmHelp') : llmReady ? t('copy.generate.builtinHelp') : `${t('copy.generate.builtinHelp')} ${llmReason}`}
          </Text>
        </div>
      </Stack>
      {/* A child of the whole brief, so it can stay at the window's bottom while the brief scrolls by. */}
      <Stack gap="xs" className={classes.stickyGenerate}>
        <Button
          size="md"
          fullWidth
          leftSection={<IconSparkles size={18} />}
          rightSection={
            <Group gap={2} wrap="nowrap" aria-hidden>
              <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}</Kbd>
              <Kbd size="xs">Enter</Kbd>
            </Group>
          }
          loading={generation.starting}
          // While "Try a sample brief" fills the brief in, Generate would write for the half-filled one.
          disabled={running || sampleBusy}
          onClick={generation.start}
          aria-keyshortcuts={isMac ? 'Meta+Enter' : 'Control+Enter'}
          data-testid="copy-generate"
        >
          {generation.set ? t('copy.generate.again') : t('copy.generate.button')}
        </Button>
        {fieldErrorCount > 0 && (
          <Text size="sm" c="red" data-testid="copy-brief-errors">
            {t('copy.generate.fixFields', { count: fieldErrorCount })}
            {elsewhere.map(([key, message]) => (
              <span key={key}>
                <br />
                {key}: {message}
              </span>
            ))}
          </Text>
        )}
        {nonFieldError && <ErrorAlert error={nonFieldError} title={t('copy.generate.failed')} />}
      </Stack>
    </>
  );
}

/** A different seed: new candidates for the same brief. */
function nextSeed(current: number): number {
  let seed = current;
  while (seed === current) seed = Math.floor(Math.random() * 1_000_000) + 1;
  return seed;
}

import { Stack, Switch, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BrandKit } from './brief-model';
import { useCopyStudio } from './CopyStudioContext';

/** The brand's voice: kept on this computer, so the next brief starts with it. */
export function BrandFields() {
  const { t } = useTranslation();
  const { draft, setDraft, generation } = useCopyStudio();
  const { brand } = draft;
  const err = (key: string): string | undefined => generation.fieldErrors[`brand.${key}`];
  const set = (patch: Partial<BrandKit>, key: string): void => {
    generation.clearFieldError(`brand.${key}`);
    if (key !== 'name') generation.clearFieldError('brand.name');
    setDraft((d) => ({ ...d, brand: { ...d.brand, ...patch } }));
  };
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        {t('copy.brand.kept')}
      </Text>
      <TextInput
        label={t('copy.brand.name')}
        value={brand.name}
        onChange={(e) => set({ name: e.currentTarget.value }, 'name')}
        error={err('name')}
        maxLength={80}
        data-testid="copy-brand-name"
      />
      <TagsInput
        label={t('copy.brand.banned')}
        description={t('copy.brand.bannedHint')}
        value={brand.bannedWords}
        onChange={(bannedWords) => set({ bannedWords }, 'bannedWords')}
        error={err('bannedWords')}
        clearable
        data-testid="copy-brand-banned"
      />
      <TagsInput
        label={t('copy.brand.preferred')}
        description={t('copy.brand.preferredHint')}
        value={brand.preferredWords}
        onChange={(preferredWords) => set({ preferredWords }, 'preferredWords')}
        error={err('preferredWords')}
        clearable
        data-testid="copy-brand-preferred"
      />
      <Switch
        label={t('copy.brand.emoji')}
        checked={brand.emoji}
        onChange={(e) => set({ emoji: e.currentTarget.checked }, 'emoji')}
        data-testid="copy-brand-emoji"
      />
      <Textarea
        label={t('copy.brand.samples')}
        description={t('copy.brand.samplesHint')}
        autosize
        minRows={2}
        maxRows={6}
        value={brand.sampleCopy}
        onChange={(e) => set({ sampleCopy: e.currentTarget.value }, 'sampleCopy')}
        error={err('sampleCopy')}
        data-testid="copy-brand-samples"
      />
    </Stack>
  );
}

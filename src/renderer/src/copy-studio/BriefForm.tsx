import { Accordion, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconBuildingStore, IconDiscount2, IconPalette, IconUsersGroup } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { copyFrameworks, copyGoals, copyTones } from '../../../shared/copy-schemas';
import { useFormat } from '../format/useFormat';
import { AudienceFields } from './AudienceFields';
import { BrandFields } from './BrandFields';
import { isoDateFromToday, sectionOf, type BriefDraft } from './brief-model';
import { useCopyStudio } from './CopyStudioContext';
import { GenerateBar } from './GenerateBar';
import { ReplyPicker } from './ReplyPicker';

const FALLBACK_CODES = ['AUD', 'CAD', 'CHF', 'DKK', 'EUR', 'GBP', 'JPY', 'NOK', 'NZD', 'PLN', 'SEK', 'USD'];
const currencyCodes = (): string[] => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : FALLBACK_CODES);

type Part = 'product' | 'offer' | 'audience' | 'brand';

function SectionLabel({ icon, title, summary, error }: { icon: ReactNode; title: string; summary: string; error?: boolean }) {
  return (
    <Group gap="sm" wrap="nowrap" miw={0}>
      {icon}
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Text size="xs" c={error ? 'red' : 'dimmed'} truncate="end">
          {summary}
        </Text>
      </div>
    </Group>
  );
}

/** The brief: what the copy is for, the product and offer, for whom, and in which voice. */
export function BriefForm() {
  const { t } = useTranslation();
  const format = useFormat();
  const { draft, setDraft, generation, segments } = useCopyStudio();
  const { fieldErrors, clearFieldError } = generation;
  // The audience opens by itself when one was handed over (from Campaigns) or reused.
  const [open, setOpen] = useState<string[]>(() => (draft.audience.segmentId !== null ? ['product', 'offer', 'audience'] : ['product', 'offer']));
  const codes = useMemo(currencyCodes, []);

  // A part holding an error opens, so the message is seen where it is.
  useEffect(() => {
    const parts = Object.keys(fieldErrors).map(sectionOf);
    const toOpen = (['product', 'offer', 'audience', 'brand'] as const).filter((p) => parts.includes(p));
    if (toOpen.length > 0) setOpen((current) => [...new Set([...current, ...toOpen])]);
  }, [fieldErrors]);

  const err = (key: string): string | undefined => fieldErrors[key];
  const hasErrorIn = (part: Part): boolean => Object.keys(fieldErrors).some((key) => sectionOf(key) === part);
  const product = (patch: Partial<BriefDraft['product']>, key: string): void => {
    clearFieldError(`product.${key}`);
    setDraft((d) => ({ ...d, product: { ...d.product, ...patch } }));
  };
  const offer = (patch: Partial<BriefDraft['offer']>, key: string): void => {
    clearFieldError(`offer.${key}`);
    setDraft((d) => ({ ...d, offer: { ...d.offer, ...patch } }));
  };

  const { offer: o, product: p, audience, brand } = draft;
  const offerSummary =
    [
      o.discountPercent !== null ? t('copy.offer.summaryDiscount', { value: format.number(o.discountPercent) }) : null,
      o.code.trim() ? t('copy.offer.summaryCode', { code: o.code.trim() }) : null,
      o.endsOn ? t('copy.offer.summaryEnds', { date: format.date(o.endsOn) }) : null,
      o.freeShipping ? t('copy.offer.freeShipping') : null,
    ]
      .filter(Boolean)
      .join(' · ') || t('copy.offer.summaryNone');
  const segmentName = audience.segmentId !== null ? segments?.find((s) => s.id === audience.segmentId)?.name : undefined;
  const audienceSummary =
    audience.mode === 'segment'
      ? audience.segmentId !== null
        ? (segmentName ?? t('copy.audience.segmentNumber', { id: String(audience.segmentId) }))
        : t('copy.audience.summaryNone')
      : audience.description.trim() || t('copy.audience.summaryNone');
  const brandSummary = brand.name.trim()
    ? [brand.name.trim(), brand.bannedWords.length > 0 ? t('copy.brand.summaryBanned', { count: brand.bannedWords.length }) : null].filter(Boolean).join(' · ')
    : t('copy.brand.summaryNone');

  return (
    <Paper p="md" data-testid="copy-brief">
      <Title order={2}>{t('copy.brief.title')}</Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('copy.brief.help')}
      </Text>
      <Stack gap="sm">
        {draft.channel === 'reply' && <ReplyPicker />}
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label={t('copy.brief.goal')}
            data={copyGoals.map((goal) => ({ value: goal, label: t(`copy.goals.${goal}`) }))}
            value={draft.goal}
            onChange={(value) => {
              const goal = copyGoals.find((g) => g === value);
              if (goal) setDraft((d) => ({ ...d, goal }));
            }}
            allowDeselect={false}
            data-testid="copy-goal"
          />
          <Select
            label={t('copy.brief.tone')}
            data={copyTones.map((tone) => ({ value: tone, label: t(`copy.tones.${tone}`) }))}
            value={draft.tone}
            onChange={(value) => {
              const tone = copyTones.find((x) => x === value);
              if (tone) setDraft((d) => ({ ...d, tone }));
            }}
            allowDeselect={false}
            data-testid="copy-tone"
          />
        </SimpleGrid>
        <Select
          label={t('copy.brief.framework')}
          description={t(`copy.frameworkHelp.${draft.framework}`)}
          data={copyFrameworks.map((framework) => ({ value: framework, label: t(`copy.frameworks.${framework}`) }))}
          value={draft.framework}
          onChange={(value) => {
            const framework = copyFrameworks.find((f) => f === value);
            if (framework) setDraft((d) => ({ ...d, framework }));
          }}
          allowDeselect={false}
          data-testid="copy-framework"
        />
        <Accordion multiple value={open} onChange={setOpen} variant="contained" chevronPosition="right" data-testid="copy-brief-parts">
          <Accordion.Item value="product">
            <Accordion.Control data-testid="copy-part-product">
              <SectionLabel
                icon={<IconBuildingStore size={18} />}
                title={t('copy.product.title')}
                summary={p.name.trim() || t('copy.product.summaryNone')}
                error={hasErrorIn('product')}
              />
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                <TextInput
                  label={t('copy.product.name')}
                  placeholder={t('copy.product.namePlaceholder')}
                  withAsterisk
                  value={p.name}
                  onChange={(e) => product({ name: e.currentTarget.value }, 'name')}
                  error={err('product.name')}
                  maxLength={120}
                  data-testid="copy-product-name"
                />
                <Textarea
                  label={t('copy.product.description')}
                  description={t('copy.product.descriptionHint')}
                  autosize
                  minRows={2}
                  maxRows={5}
                  value={p.description}
                  onChange={(e) => product({ description: e.currentTarget.value }, 'description')}
                  error={err('product.description')}
                  maxLength={1000}
                  data-testid="copy-product-description"
                />
                <TagsInput
                  label={t('copy.product.benefits')}
                  description={t('copy.product.benefitsHint')}
                  value={p.benefits}
                  onChange={(benefits) => product({ benefits }, 'benefits')}
                  error={err('product.benefits')}
                  maxTags={12}
                  clearable
                  data-testid="copy-product-benefits"
                />
                <Group gap="sm" align="flex-start" grow>
                  <NumberInput
                    label={t('copy.product.price')}
                    value={p.price ?? ''}
                    onChange={(value) => product({ price: typeof value === 'number' ? value : null }, 'price')}
                    error={err('product.price')}
                    min={0}
                    decimalScale={2}
                    thousandSeparator=","
                    data-testid="copy-product-price"
                  />
                  <Select
                    label={t('copy.product.currency')}
                    data={codes}
                    value={p.currency}
                    onChange={(value) => value && product({ currency: value }, 'currency')}
                    error={err('product.currency')}
                    searchable
                    allowDeselect={false}
                    data-testid="copy-product-currency"
                  />
                </Group>
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="offer">
            <Accordion.Control data-testid="copy-part-offer">
              <SectionLabel icon={<IconDiscount2 size={18} />} title={t('copy.offer.title')} summary={offerSummary} error={hasErrorIn('offer')} />
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                <Group gap="sm" align="flex-start" grow>
                  <NumberInput
                    label={t('copy.offer.discount')}
                    value={o.discountPercent ?? ''}
                    onChange={(value) => offer({ discountPercent: typeof value === 'number' ? value : null }, 'discountPercent')}
                    error={err('offer.discountPercent')}
                    min={1}
                    max={100}
                    suffix=" %"
                    allowNegative={false}
                    data-testid="copy-offer-discount"
                  />
                  <TextInput
                    label={t('copy.offer.code')}
                    placeholder="SPRING20"
                    value={o.code}
                    onChange={(e) => offer({ code: e.currentTarget.value.replace(/\s+/g, '').toUpperCase() }, 'code')}
                    error={err('offer.code')}
                    maxLength={32}
                    data-testid="copy-offer-code"
                  />
                </Group>
                <Group gap="sm" align="flex-end" grow>
                  <TextInput
                    type="date"
                    label={t('copy.offer.endsOn')}
                    value={o.endsOn}
                    min={isoDateFromToday(0)}
                    onChange={(e) => offer({ endsOn: e.currentTarget.value }, 'endsOn')}
                    error={err('offer.endsOn')}
                    data-testid="copy-offer-ends"
                  />
                  <Switch
                    label={t('copy.offer.freeShipping')}
                    checked={o.freeShipping}
                    onChange={(e) => offer({ freeShipping: e.currentTarget.checked }, 'freeShipping')}
                    mb={8}
                    data-testid="copy-offer-shipping"
                  />
                </Group>
                <Text size="xs" c="dimmed">
                  {t('copy.offer.factsHint')}
                </Text>
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="audience">
            <Accordion.Control data-testid="copy-part-audience">
              <SectionLabel icon={<IconUsersGroup size={18} />} title={t('copy.audience.title')} summary={audienceSummary} error={hasErrorIn('audience')} />
            </Accordion.Control>
            <Accordion.Panel>
              <AudienceFields />
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="brand">
            <Accordion.Control data-testid="copy-part-brand">
              <SectionLabel icon={<IconPalette size={18} />} title={t('copy.brand.title')} summary={brandSummary} error={hasErrorIn('brand')} />
            </Accordion.Control>
            <Accordion.Panel>
              <BrandFields />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
        <GenerateBar />
      </Stack>
    </Paper>
  );
}

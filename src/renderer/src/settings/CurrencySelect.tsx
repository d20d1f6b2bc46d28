import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../api/api-error';
import { useApi } from '../api/useApi';
import { useApiQuery } from '../api/useApiQuery';
import { userLocale } from '../format/formatters';
import { useWorkspace } from '../workspace/useWorkspace';

const FALLBACK_CODES = ['AUD', 'CAD', 'CHF', 'CNY', 'DKK', 'EUR', 'GBP', 'JPY', 'NOK', 'NZD', 'PLN', 'SEK', 'USD'];

function currencyOptions(): { value: string; label: string }[] {
  const codes = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : FALLBACK_CODES;
  const names = new Intl.DisplayNames([userLocale()], { type: 'currency' });
  return codes.map((code) => ({ value: code, label: `${code} · ${names.of(code) ?? code}` }));
}

/** The workspace's currency, read with `settings.get` and saved with `settings.update`. */
export function CurrencySelect() {
  const { t } = useTranslation();
  const api = useApi();
  const { refresh } = useWorkspace();
  const settings = useApiQuery('settings.get', {});
  const [saving, setSaving] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  const options = useMemo(currencyOptions, []);
  // Opening the list starts a fresh search instead of appending to the current currency's name.
  const [search, setSearch] = useState<string | null>(null);
  const value = pending ?? settings.data?.currency ?? null;
  const valueLabel = options.find((option) => option.value === value)?.label ?? value ?? '';

  const save = async (currency: string | null): Promise<void> => {
    if (!currency || currency === settings.data?.currency) return;
    setPending(currency);
    setSaving(true);
    try {
      await api.invoke('settings.update', { currency });
      notifications.show({ color: 'teal', message: t('settings.currency.saved', { currency }) });
      settings.refetch();
      refresh();
    } catch (reason) {
      const error = toApiError(reason);
      notifications.show({
        color: 'red',
        title: t('settings.currency.saveFailed'),
        message: t('errors.withCode', { message: error.message, code: error.code }),
      });
    } finally {
      setSaving(false);
      setPending(null);
    }
  };

  return (
    <Select
      label={t('settings.currency.label')}
      description={t('settings.currency.hint')}
      data={options}
      value={value}
      onChange={(next) => {
        setSearch(null);
        void save(next);
      }}
      searchable
      searchValue={search ?? valueLabel}
      onSearchChange={(next) => {
        if (search !== null) setSearch(next);
      }}
      selectFirstOptionOnChange
      onDropdownOpen={() => setSearch('')}
      onDropdownClose={() => setSearch(null)}
      placeholder={t('settings.currency.search')}
      allowDeselect={false}
      nothingFoundMessage={t('settings.currency.nothingFound')}
      disabled={!settings.data || saving}
      error={settings.error ? t('errors.withCode', { message: settings.error.message, code: settings.error.code }) : undefined}
      maxDropdownHeight={280}
      comboboxProps={{ shadow: 'md' }}
      data-testid="currency-select"
    />
  );
}

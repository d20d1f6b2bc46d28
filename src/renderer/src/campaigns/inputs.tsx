import { NumberInput, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';

type PercentProps = {
  label: string;
  /** The label is read by screen readers only (the row's switch says what it is). */
  hideLabel?: boolean;
  description?: ReactNode;
  /** A share from 0 to 1, shown as a percentage; undefined shows the placeholder. */
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  min?: number;
  max?: number;
  /** Decimals of the percentage. */
  decimals?: number;
  placeholder?: string;
  disabled?: boolean;
  error?: string | undefined;
  w?: number;
  testId: string;
};

const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;
const numberOf = (text: string | number): number | undefined => (typeof text === 'number' && Number.isFinite(text) ? text : undefined);

/**
 * The field's own text, so a half-typed number ("12.", "") stays as typed while the value it stands for goes out;
 * a value changed from outside replaces it.
 */
function useTypedNumber(shown: number | undefined): [string | number, (text: string | number) => void] {
  const [text, setText] = useState<string | number>(shown ?? '');
  useEffect(() => {
    setText((current) => (numberOf(current) === shown ? current : (shown ?? '')));
  }, [shown]);
  return [text, setText];
}

/** A share typed as a percentage (10 %), kept as a fraction (0.1) as the contract has it. */
export function PercentInput({ label, hideLabel, description, value, onChange, min = 0, max = 1, decimals = 2, placeholder, disabled, error, w, testId }: PercentProps) {
  const [text, setText] = useTypedNumber(value === undefined ? undefined : round(value * 100, decimals));
  return (
    <NumberInput
      w={w}
      label={hideLabel ? undefined : label}
      aria-label={hideLabel ? label : undefined}
      description={description}
      value={text}
      onChange={(next) => {
        setText(next);
        const typed = numberOf(next);
        onChange(typed === undefined ? undefined : round(typed / 100, decimals + 2));
      }}
      min={round(min * 100, decimals)}
      max={round(max * 100, decimals)}
      decimalScale={decimals}
      step={1}
      suffix=" %"
      allowNegative={false}
      placeholder={placeholder}
      disabled={disabled}
      error={error}
      data-testid={testId}
    />
  );
}

type MoneyProps = {
  label: string;
  description?: ReactNode;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  currency: string;
  max?: number;
  placeholder?: string;
  disabled?: boolean;
  error?: string | undefined;
  testId: string;
};

/** An amount in the workspace's currency (its code beside the field). */
export function MoneyInput({ label, description, value, onChange, currency, max, placeholder, disabled, error, testId }: MoneyProps) {
  const [text, setText] = useTypedNumber(value);
  return (
    <NumberInput
      label={label}
      description={description}
      value={text}
      onChange={(next) => {
        setText(next);
        onChange(numberOf(next));
      }}
      min={0}
      max={max}
      decimalScale={2}
      thousandSeparator=","
      allowNegative={false}
      placeholder={placeholder}
      disabled={disabled}
      error={error}
      rightSectionWidth={52}
      rightSection={
        <Text size="xs" c="dimmed">
          {currency}
        </Text>
      }
      data-testid={testId}
    />
  );
}

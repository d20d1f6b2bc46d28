import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Backend } from '../../../shared/contract';

const colors: Record<Backend, string> = { tensorflow: 'teal', wasm: 'brand', cpu: 'yellow' };

/** The TensorFlow.js backend in use, named for people rather than for engineers. */
export function BackendBadge({ backend }: { backend: Backend }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={colors[backend]} data-testid="tf-backend" data-backend={backend}>
      {t(`settings.tf.backends.${backend}`)}
    </Badge>
  );
}

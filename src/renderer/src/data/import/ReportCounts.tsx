import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/import-schemas';
import { useFormat } from '../../format/useFormat';

const COUNTS = ['rows', 'inserted', 'updated', 'unchanged', 'rejected'] as const;

/** The report's counts side by side: rows read, then what happens to them. */
export function ReportCounts({ report, testId }: { report: ImportReport; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <SimpleGrid cols={{ base: 3, md: 5 }} spacing="sm" data-testid={testId}>
      {COUNTS.map((key) => {
        const value = report[key];
        const bad = key === 'rejected' && value > 0;
        return (
          <Paper key={key} p="sm" withBorder bg={bad ? 'var(--mantine-color-red-light)' : undefined}>
            <Text size="xs" c="dimmed" fw={500}>
              {t(`importWizard.counts.${key}`)}
            </Text>
            <Text fz={22} fw={650} ta="right" className="tabular" c={bad ? 'red' : undefined} data-testid={`count-${key}`} data-value={value}>
              {format.integer(value)}
            </Text>
            <Text size="xs" c="dimmed" ta="right" lineClamp={1}>
              {t(`importWizard.counts.${key}Caption`)}
            </Text>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

import type { TFunction } from 'i18next';
import type { ImportReport } from '../../../../shared/import-schemas';
import type { Formatters } from '../../format/formatters';

/** What happened, in plain words, from the report's own counts: "Imported 5 new rows, skipped 1 bad row". */
export function outcomeSentence(report: ImportReport, t: TFunction): string {
  switch (report.outcome) {
    case 'rejected':
      return t('importWizard.outcome.rejected', { count: report.rejected });
    case 'unchanged':
      return report.alreadyImported ? t('importWizard.outcome.alreadyImported') : t('importWizard.outcome.nothingNew');
    case 'dry-run':
    case 'imported': {
      const parts: string[] = [];
      if (report.inserted > 0 || report.updated === 0) parts.push(t('importWizard.outcome.inserted', { count: report.inserted }));
      if (report.updated > 0) {
        parts.push(parts.length === 0 ? t('importWizard.outcome.updatedFirst', { count: report.updated }) : t('importWizard.outcome.updated', { count: report.updated }));
      }
      if (report.skipped > 0) parts.push(t('importWizard.outcome.skipped', { count: report.skipped }));
      return parts.join(', ');
    }
  }
}

/** How long it took, for a sentence: "under a second", "12 sec", "3 min". */
export const took = (seconds: number, format: Formatters, t: TFunction): string =>
  seconds < 1 ? t('importWizard.job.underASecond') : format.duration(seconds);

import { Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RfmCell, RfmSegment, RfmSummary } from '../../../shared/analytics-schemas';
import { useFormat } from '../format/useFormat';
import classes from './RfmGrid.module.css';
import { segmentStyle } from './segment-colors';

type Props = {
  summary: RfmSummary;
  selected: RfmSegment | null;
  onSelect: (segment: RfmSegment | null) => void;
};

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * The familiar RFM grid: recency score R from 5 (top) to 1, FM score from 1 (left) to 5, each cell coloured by
 * its segment. Neighbouring cells of one segment are drawn as one block, named once (in its top-left cell).
 */
export function RfmGrid({ summary, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const cellAt = (r: number, fm: number): RfmCell | undefined => summary.grid.find((c) => c.r === r && c.fm === fm);

  return (
    <div className={classes.frame} data-testid="rfm-grid">
      <div className={classes.rLabel}>{t('insights.rfm.axisR')}</div>
      <div className={classes.body} role="group" aria-label={t('insights.rfm.gridTitle')}>
        {[5, 4, 3, 2, 1].map((r) => [
          <div key={`r${r}`} className={classes.rowScore} aria-hidden>
            {r}
          </div>,
          ...SCORES.map((fm) => {
            const cell = cellAt(r, fm);
            if (!cell) return <div key={`${r}-${fm}`} />;
            const name = t(`insights.rfm.segments.${cell.segment}.name`);
            // Named in the top-left cell of each block: no cell of the same segment above it or to its left.
            const showName = cellAt(r + 1, fm)?.segment !== cell.segment && cellAt(r, fm - 1)?.segment !== cell.segment;
            const right = fm < 5 && cellAt(r, fm + 1)?.segment !== cell.segment;
            const below = r > 1 && cellAt(r - 1, fm)?.segment !== cell.segment;
            const label = t('insights.rfm.cellLabel', {
              r: String(r),
              fm: String(fm),
              segment: name,
              customers: format.integer(cell.customers),
              share: format.percent(cell.share),
              revenue: format.wholeMoney(cell.revenue, summary.currency),
              revenueShare: format.percent(cell.revenueShare),
            });
            return (
              <Tooltip key={`${r}-${fm}`} label={label} multiline w={260} withArrow events={{ hover: true, focus: true, touch: true }}>
                <button
                  type="button"
                  className={classes.cell}
                  style={{ ...segmentStyle(cell.segment), borderRightWidth: right ? 3 : 0, borderBottomWidth: below ? 3 : 0 }}
                  aria-label={label}
                  aria-pressed={selected === cell.segment}
                  data-dimmed={selected !== null && selected !== cell.segment}
                  data-testid="rfm-cell"
                  data-r={r}
                  data-fm={fm}
                  data-segment={cell.segment}
                  data-customers={cell.customers}
                  onClick={() => onSelect(selected === cell.segment ? null : cell.segment)}
                >
                  <span className={classes.segmentName}>{showName ? name : ''}</span>
                  <span className={classes.figures}>
                    <span className={classes.count}>{format.integer(cell.customers)}</span>
                    <br />
                    {format.percent(cell.share)}
                  </span>
                </button>
              </Tooltip>
            );
          }),
        ])}
      </div>
      <div className={classes.cols} aria-hidden>
        <div />
        {SCORES.map((fm) => (
          <div key={fm} className={classes.colScore}>
            {fm}
          </div>
        ))}
      </div>
      <div className={classes.fmLabel}>{t('insights.rfm.axisFM')}</div>
    </div>
  );
}

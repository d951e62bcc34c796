import { formatDateTime } from '../../../../format/date-time';
import { kindOf, LANES, type ChartEntry, type EntryNames } from './timeline-kinds';

/** Every timeline entry in words: the chart's accessible twin. */
export function TimelineTable({ entries, names }: { entries: readonly ChartEntry[]; names?: EntryNames }) {
  const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <div className="table-scroll" role="region" aria-label="Timeline entries table" tabIndex={0}>
      <table className="table compact stack">
        <caption className="visually-hidden">Timeline entries, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Kind</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((entry, index) => {
            const kind = kindOf(entry, names);
            return (
              <tr key={`${entry.at}-${entry.type}-${index}`}>
                <td data-label="When" className="nowrap">
                  {formatDateTime(entry.at)}
                </td>
                <td data-label="Kind">
                  <span className={`swatch tl-${kind.tone}`} aria-hidden="true" />
                  {LANES.find((lane) => lane.id === kind.lane)?.label}
                </td>
                <td data-label="What happened">
                  {kind.text} <code className="muted">{entry.type}</code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

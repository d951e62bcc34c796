import { formatDateTime, formatShortDateTime } from '../../../../format/date-time';
import { kindOf, type ChartEntry, type MarkShape } from './timeline-kinds';
import { CHART, layoutTimeline } from './timeline-layout';

interface TimelineChartProps {
  entries: readonly ChartEntry[];
  startTime: string;
  endTime: string;
  now: number;
}

/** The appointment's life drawn on a time axis; the table beside it says the same in words. */
export function TimelineChart({ entries, startTime, endTime, now }: TimelineChartProps) {
  const layout = layoutTimeline(entries, startTime, endTime, now);
  const bottom = layout.height - 8;

  return (
    <div className="timeline-scroll" role="region" aria-label="Timeline chart, scrollable" tabIndex={0}>
      <svg
        className="timeline-chart"
        viewBox={`0 0 ${CHART.width} ${layout.height}`}
        width={CHART.width}
        height={layout.height}
        role="img"
        aria-labelledby="timeline-chart-title timeline-chart-desc"
      >
        <title id="timeline-chart-title">Timeline of the appointment on a time axis</title>
        <desc id="timeline-chart-desc">
          {`${entries.length} entries in lanes for booking, the contact's replies and links, meeting, automation, messages and reminders due; ` +
            'the appointment itself is the shaded band. The table below lists every entry.'}
        </desc>
        <rect
          className="tl-appointment"
          x={layout.startX}
          y={CHART.axisHeight - 4}
          width={Math.max(layout.endX - layout.startX, 2)}
          height={bottom - CHART.axisHeight + 4}
        />
        <line className="tl-start" x1={layout.startX} x2={layout.startX} y1={CHART.axisHeight - 10} y2={bottom} />
        <text className="tl-marker-label" x={layout.startX + 4} y={CHART.axisHeight - 12}>
          Starts
        </text>
        {layout.nowX !== null ? (
          <>
            <line className="tl-now" x1={layout.nowX} x2={layout.nowX} y1={CHART.axisHeight - 10} y2={bottom} />
            <text className="tl-marker-label" x={layout.nowX - 4} y={CHART.axisHeight - 12} textAnchor="end">
              Now
            </text>
          </>
        ) : null}
        {layout.ticks.map((tick) => (
          <text key={tick.at} className="tl-tick" x={tick.x} y={12} textAnchor="middle">
            {formatShortDateTime(tick.at)}
          </text>
        ))}
        {layout.lanes.map((lane) => (
          <g key={lane.id}>
            <line className="tl-lane" x1={CHART.labelWidth} x2={CHART.width - CHART.rightPad} y1={lane.y} y2={lane.y} />
            <text className="tl-lane-label" x={4} y={lane.y + 4}>
              {lane.label}
            </text>
            {lane.clusters.map((cluster) => (
              <g key={`${cluster.x}-${cluster.entries[0]?.at}`} className={`tl-mark tl-${cluster.kind.tone}`}>
                <title>
                  {cluster.entries.map((entry) => `${formatDateTime(entry.at)}: ${kindOf(entry).text}`).join('\n')}
                </title>
                <Mark shape={cluster.kind.shape} x={cluster.x} y={lane.y} />
                {cluster.labelRow !== null ? (
                  <text
                    className="tl-mark-label"
                    x={Math.max(cluster.x, CHART.labelWidth + (cluster.label.length * CHART.charWidth) / 2)}
                    y={cluster.labelRow === 0 ? lane.y + 19 : lane.y - 10}
                    textAnchor="middle"
                  >
                    {cluster.label}
                  </text>
                ) : null}
              </g>
            ))}
          </g>
        ))}
      </svg>
    </div>
  );
}

function Mark({ shape, x, y }: { shape: MarkShape; x: number; y: number }) {
  switch (shape) {
    case 'dot':
      return <circle cx={x} cy={y} r={5.5} />;
    case 'ring':
      return <circle className="tl-hollow" cx={x} cy={y} r={5} />;
    case 'diamond':
      return <path d={`M${x} ${y - 7} L${x + 7} ${y} L${x} ${y + 7} L${x - 7} ${y} Z`} />;
    case 'cross':
      return (
        <path className="tl-stroke" d={`M${x - 5} ${y - 5} L${x + 5} ${y + 5} M${x + 5} ${y - 5} L${x - 5} ${y + 5}`} />
      );
    default: {
      const unknown: never = shape;
      throw new Error(`unknown mark ${String(unknown)}`);
    }
  }
}

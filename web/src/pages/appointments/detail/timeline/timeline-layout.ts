/**
 * Where things go on the timeline chart: a linear time axis from the first entry to the end of the
 * appointment, one lane per kind, and marks that would overlap merged into one (the table below
 * the chart lists every entry). Pure, so it can be reasoned about without a browser.
 */
import { kindOf, LANES, type ChartEntry, type EntryKind, type LaneId } from './timeline-kinds';

export const CHART = {
  width: 760,
  labelWidth: 112,
  rightPad: 24,
  axisHeight: 34,
  laneHeight: 50,
  /** marks closer than this (px) merge */
  mergeDistance: 12,
  charWidth: 6.4,
} as const;

export interface Cluster {
  x: number;
  kind: EntryKind;
  entries: ChartEntry[];
  /** 0: label under the mark, 1: above it, null: no room for a label */
  labelRow: 0 | 1 | null;
  label: string;
}

export interface Lane {
  id: LaneId;
  label: string;
  y: number;
  clusters: Cluster[];
}

export interface TimelineLayout {
  height: number;
  lanes: Lane[];
  ticks: { x: number; at: number }[];
  startX: number;
  endX: number;
  nowX: number | null;
}

export function layoutTimeline(entries: readonly ChartEntry[], startTime: string, endTime: string, now: number) {
  const start = Date.parse(startTime);
  const end = Date.parse(endTime);
  const times = entries.map((entry) => Date.parse(entry.at)).filter((time) => !Number.isNaN(time));
  let min = Math.min(start, ...times);
  let max = Math.max(end, ...times);
  // "Now" is drawn when it falls inside the picture or close after it.
  if (now > min && now < max + (max - min) * 0.25) max = Math.max(max, now);
  const span = Math.max(max - min, 60_000);
  min -= span * 0.03;
  max += span * 0.03;

  const plotLeft = CHART.labelWidth;
  const plotWidth = CHART.width - CHART.labelWidth - CHART.rightPad;
  const xOf = (time: number) => plotLeft + ((time - min) / (max - min)) * plotWidth;

  const lanes: Lane[] = LANES.map((lane, index) => ({
    id: lane.id,
    label: lane.label,
    y: CHART.axisHeight + index * CHART.laneHeight + CHART.laneHeight / 2,
    clusters: [],
  }));

  const sorted = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const entry of sorted) {
    const kind = kindOf(entry);
    const lane = lanes.find((candidate) => candidate.id === kind.lane) as Lane;
    const x = xOf(Date.parse(entry.at));
    const last = lane.clusters.at(-1);
    if (last && x - last.x < CHART.mergeDistance) {
      last.entries.push(entry);
      // the worst outcome of a merged mark shows (a failure among sends is what matters)
      if (severity(kind) > severity(last.kind)) last.kind = kind;
    } else {
      lane.clusters.push({ x, kind, entries: [entry], labelRow: null, label: '' });
    }
  }
  for (const lane of lanes) placeLabels(lane.clusters);

  const ticks = Array.from({ length: 5 }, (_, index) => {
    const at = min + ((max - min) * (index + 0.5)) / 5;
    return { x: xOf(at), at };
  });
  const nowInside = now >= min && now <= max;
  return {
    height: CHART.axisHeight + lanes.length * CHART.laneHeight + 8,
    lanes,
    ticks,
    startX: xOf(start),
    endX: xOf(end),
    nowX: nowInside ? xOf(now) : null,
  } satisfies TimelineLayout;
}

function severity(kind: EntryKind): number {
  return kind.tone === 'failed' || kind.tone === 'warning' ? 2 : kind.tone === 'skipped' ? 1 : 0;
}

/** Labels go under their mark, or above when the one under would overlap the previous label. */
function placeLabels(clusters: Cluster[]): void {
  const rowEnds = [-Infinity, -Infinity];
  for (const cluster of clusters) {
    cluster.label =
      cluster.entries.length > 1 ? `${cluster.kind.short} +${cluster.entries.length - 1}` : cluster.kind.short;
    const half = (cluster.label.length * CHART.charWidth) / 2;
    const left = Math.max(cluster.x - half, CHART.labelWidth);
    const row = rowEnds.findIndex((rowEnd) => rowEnd + 6 <= left);
    if (row === 0 || row === 1) {
      cluster.labelRow = row;
      rowEnds[row] = left + half * 2;
    }
  }
}

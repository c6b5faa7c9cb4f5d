// A line chart of a simulation over time (cwnd and ssthresh, say), with its
// events marked and the current step's moment drawn as a vertical rule.

import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useRef } from 'react';
import type { ScenarioPlot as PlotData } from '../protocols/scenario';
import { useElementWidth } from '../ui/use-element-width';

interface ScenarioPlotProps {
  readonly plot: PlotData;
  readonly currentX: number | undefined;
  readonly svgId?: string;
}

const height = 260;
/** Narrowest drawing width; a narrower box scrolls instead of shrinking the text. */
const minWidth = 320;
const margin = { top: 16, right: 16, bottom: 40, left: 64 };

export function ScenarioPlot({ plot, currentX, svgId }: ScenarioPlotProps) {
  // Drawn at its box's width, so the axis text keeps its CSS size on a phone.
  const boxRef = useRef<HTMLDivElement>(null);
  const width = Math.max(minWidth, useElementWidth(boxRef, 640));
  const points = plot.series.flatMap((series) => series.points);
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y).filter(Number.isFinite);
  const xScale = scaleLinear()
    .domain([Math.min(0, ...xs), Math.max(1, ...xs)])
    .range([margin.left, width - margin.right]);
  const yScale = scaleLinear()
    .domain([0, Math.max(1, ...ys) * 1.05])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const path = line<readonly [number, number]>()
    .x(([x]) => xScale(x))
    .y(([, y]) => yScale(Math.min(y, yScale.domain()[1]!)));

  const description = `${plot.title}: ${plot.series.map((s) => s.name).join(' and ')} against ${plot.xLabel}, with ${plot.events.length} events marked.`;

  return (
    <figure className="panel scenario-plot">
      <figcaption>{plot.title}</figcaption>
      <div ref={boxRef} className="scenario-plot-box">
        <svg
          id={svgId}
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="img"
          aria-label={description}
        >
          {yScale.ticks(5).map((tick) => (
            <g key={`y${tick}`} className="tick">
              <line
                x1={margin.left}
                x2={width - margin.right}
                y1={yScale(tick)}
                y2={yScale(tick)}
              />
              <text x={margin.left - 6} y={yScale(tick) + 4} textAnchor="end">
                {tick}
              </text>
            </g>
          ))}
          {xScale.ticks(6).map((tick) => (
            <text
              key={`x${tick}`}
              className="tick-label"
              x={xScale(tick)}
              y={height - margin.bottom + 16}
              textAnchor="middle"
            >
              {tick}
            </text>
          ))}
          <text
            className="axis-label"
            x={(margin.left + width - margin.right) / 2}
            y={height - 6}
            textAnchor="middle"
          >
            {plot.xLabel}
          </text>
          <text
            className="axis-label"
            transform={`translate(14 ${(margin.top + height - margin.bottom) / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {plot.yLabel}
          </text>
          {plot.events.map((event, index) => (
            <line
              key={`e${index}`}
              className={`plot-event event-${event.kind}`}
              x1={xScale(event.x)}
              x2={xScale(event.x)}
              y1={margin.top}
              y2={height - margin.bottom}
            >
              <title>{event.label}</title>
            </line>
          ))}
          {plot.series.map((series, index) => (
            <path
              key={series.name}
              className={`plot-series series-${index}`}
              d={path(series.points) ?? ''}
            />
          ))}
          {currentX !== undefined && (
            <line
              className="plot-current"
              x1={xScale(currentX)}
              x2={xScale(currentX)}
              y1={margin.top}
              y2={height - margin.bottom}
            />
          )}
        </svg>
      </div>
      <ul className="plot-legend">
        {plot.series.map((series, index) => (
          <li key={series.name} className={`series-${index}`}>
            <span aria-hidden="true" className="swatch" /> {series.name} ({series.unit})
          </li>
        ))}
        <li className="legend-events">
          <span aria-hidden="true" className="swatch event" /> events ({plot.events.length})
        </li>
      </ul>
    </figure>
  );
}

import { narrowed, type FieldOverview } from '../../../domain/reader/field-overview.js';
import { isDocument, type ReaderDocument } from '../../../domain/reader/reader-value.js';
import { relaxedText, toRelaxedJson, type JsonValue } from '../../../domain/reader/relaxed-json.js';

/** Geometry of the charts, in SVG user units. */
const CHART = { width: 320, labelWidth: 150, barHeight: 16, gap: 4, maxLabel: 24 } as const;

/** A bar as the template draws it: where, how long, what it says, and where a click on it goes. */
export interface BarView {
  readonly y: number;
  readonly textY: number;
  readonly width: number;
  readonly countX: number;
  readonly label: string;
  /** The label in full, for the bar's tooltip, when the drawn one is cut short. */
  readonly fullLabel: string;
  readonly count: number;
  readonly href: string;
  /** The bar's value as relaxed Extended JSON, for the page's value transforms; null for a range (a month of dates). */
  readonly value: JsonValue | null;
}

export interface FieldView {
  readonly path: string;
  readonly presentPercent: number;
  readonly types: readonly { readonly type: string; readonly count: number }[];
  readonly allDistinct: boolean;
  readonly chart: {
    readonly width: number;
    readonly height: number;
    readonly labelWidth: number;
    readonly bars: readonly BarView[];
  } | null;
}

/**
 * The field overview ready for a template: percentages and bar geometry computed here, so that the
 * template only places numbers and text (escaped) into SVG. Each bar links to the page filtered by
 * its value (the current criteria narrowed by it).
 */
export function overviewView(
  overview: FieldOverview,
  criteria: ReaderDocument,
  pageUrl: (criteria: string) => string,
): FieldView[] {
  return overview.fields.map((field) => {
    const top = Math.max(1, ...field.values.map((value) => value.count));
    const room = CHART.width - CHART.labelWidth - 40;
    const bars = field.values.map((value, index): BarView => {
      const y = index * (CHART.barHeight + CHART.gap);
      const width = Math.max(2, Math.round((value.count / top) * room));
      return {
        y,
        textY: y + CHART.barHeight - 4,
        width,
        countX: CHART.labelWidth + width + 4,
        label: value.label.length > CHART.maxLabel ? `${value.label.slice(0, CHART.maxLabel - 1)}…` : value.label,
        fullLabel: value.label,
        count: value.count,
        href: pageUrl(relaxedText(narrowed(criteria, value.filter))),
        value: exactValue(value.filter),
      };
    });
    const height = bars.length * (CHART.barHeight + CHART.gap);
    return {
      path: field.path,
      presentPercent: overview.sampled === 0 ? 0 : Math.round((field.present / overview.sampled) * 100),
      types: field.types,
      allDistinct: field.allDistinct && field.present > 1,
      chart:
        bars.length === 0 || (field.allDistinct && field.present > 1)
          ? null
          : { width: CHART.width, height, labelWidth: CHART.labelWidth, bars },
    };
  });
}

/** The value a bar's filter `{field: value}` selects; null when it selects a range. */
function exactValue(filter: ReaderDocument): JsonValue | null {
  const [entry] = filter.entries;
  if (entry === undefined) return null;
  const [, value] = entry;
  const isRange = isDocument(value) && value.entries.some(([key]) => key.startsWith('$'));
  return isRange ? null : toRelaxedJson(value);
}

/** Each field's path and its bars' values (relaxed Extended JSON, null for a range), as JSON text for the page's script. */
export function overviewValuesJson(fields: readonly FieldView[]): string {
  return JSON.stringify(fields.map((field) => ({ path: field.path, values: (field.chart?.bars ?? []).map((bar) => bar.value) })));
}

// Number formatting shared by the TCP models' narration and field values.

/** Formats a count with its noun, singular only for exactly 1: "1 segment", "0 bytes", "1.5 segments". */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

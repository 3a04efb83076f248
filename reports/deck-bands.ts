// A tall chart over several slides of report.pptx: the bands of it each slide shows. A chart is
// fitted whole to its slide's picture box, so one as tall as 50 variants make it drew its 11-px
// labels at 1.7-3.6 points (outcome gains 1,021 x 2,561 px: 1.9 pt), which no board reads (s63E).
// Invariant: the bands cover the chart from top to foot, in order, each overlapping the next by
// BAND_OVERLAP; a chart whose labels are readable whole is one band, the chart itself.

/** The box a picture is fitted to on its slide, inches (a 13.333 x 7.5 in slide, under its title). */
export const PICTURE_BOX = { x: 0.4, y: 1.05, w: 13.333 - 0.8, h: 7.5 - 1.35 };

/**
 * The least size, points, a chart's labels are shown at on a slide where a taller chart is cut into
 * bands: small, but read on a screen; 8 cut the one-variant deck's line charts (7.4 pt, a panel's
 * plot halved across two slides) as well.
 */
const MIN_LABEL_POINTS = 6;

/** A chart's axis and legend labels' size, CSS px (chart.ts LABEL_SIZE). */
const LABEL_PX = 11;

/** How much consecutive bands share, CSS px: a line of labels cut at one band's foot is whole at the next one's head. */
export const BAND_OVERLAP = 24;

/** The most slides a chart takes: a taller one's labels are drawn smaller than MIN_LABEL_POINTS rather than the deck grow further. */
export const MOST_BANDS = 8;

export interface Band {
  /** CSS px from the chart's top */
  top: number;
  height: number;
}

/**
 * The bands of a chart `width` x `height` CSS px, one slide each: the whole chart where, fitted to
 * PICTURE_BOX, its labels are MIN_LABEL_POINTS or more (or its width alone makes them smaller,
 * which no cut across it mends); otherwise the fewest equal bands (MOST_BANDS at most) that
 * show them at that size.
 */
export function pictureBands(width: number, height: number): Band[] {
  const inchesPerPx = MIN_LABEL_POINTS / LABEL_PX / 72;
  const tallest = Math.floor(PICTURE_BOX.h / inchesPerPx); // the CSS px a slide holds at the least label size
  if (height <= tallest || PICTURE_BOX.w / width < inchesPerPx) return [{ top: 0, height }];
  const count = Math.min(MOST_BANDS, Math.ceil((height - BAND_OVERLAP) / (tallest - BAND_OVERLAP)));
  const step = (height - BAND_OVERLAP) / count;
  return Array.from({ length: count }, (_, i) => {
    const top = Math.round(i * step);
    const foot = i === count - 1 ? height : Math.round((i + 1) * step) + BAND_OVERLAP;
    return { top, height: foot - top };
  });
}

// A list of choices that never runs off the screen: it shows as many as fit and,
// for the rest, large labelled controls («Ещё время: 12:00–13:45 →», «← Раньше:
// 08:00–11:45») instead of a scroll no patient would try. What fits is measured
// (screens differ in size, text can be large), so the grid renders every item
// once, measures a row, then pages; it measures again when its box or the
// display mode changes. `data-paged` / `data-held-back` / `data-paged-control`
// let the screen test (tests/e2e/screen-checks.ts) check that no list holds
// choices back without a control for them.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

interface PagedGridProps<T> {
  readonly items: readonly T[];
  readonly keyOf: (item: T) => string;
  readonly render: (item: T) => ComponentChildren;
  /** The grid's own class (its columns and cells). */
  readonly gridClass: string;
  /** The group's name for assistive technology («Время»). */
  readonly label: string;
  /** What the next page holds, e.g. «Ещё время: 12:00–13:45». */
  readonly moreLabel: (next: readonly T[]) => string;
  /** What the previous page holds, e.g. «Раньше: 08:00–11:45». */
  readonly backLabel: (previous: readonly T[]) => string;
  /**
   * `fill`: the grid takes the height left on the screen and its controls sit below it.
   * A number: at most that many rows, the controls sit in the rows' own cells (the day strip).
   */
  readonly rows: 'fill' | number;
  readonly showMe?: string;
}

interface Fit {
  /** Items per page when the list is paged (cells left after the controls), and per row. */
  readonly cells: number;
  readonly columns: number;
  /** Every item fits without paging. */
  readonly all: boolean;
  readonly rowHeight: number;
  /** Items per page should the list need paging after all. */
  readonly pagedCells: number;
}

/** Where each page starts: the controls take cells of their own when they sit inside the rows. */
export function pageStarts(count: number, cells: number, inline: boolean): number[] {
  const starts = [0];
  let start = 0;
  while (start < count) {
    const hasBack = starts.length > 1;
    const room = Math.max(1, cells - (inline && hasBack ? 1 : 0));
    const last = count - start <= room;
    const take = last ? count - start : Math.max(1, room - (inline ? 1 : 0));
    start += take;
    if (start < count) starts.push(start);
  }
  return starts;
}

export function PagedGrid<T>({ items, keyOf, render, gridClass, label, moreLabel, backLabel, rows, showMe }: PagedGridProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLButtonElement>(null);
  const [fit, setFit] = useState<Fit | null>(null);
  const [page, setPage] = useState(0);
  const inline = rows !== 'fill';

  // Measure with every item on screen, then page.
  useLayoutEffect(() => {
    if (fit || !box.current || !grid.current) return;
    const style = getComputedStyle(grid.current);
    const columns = Math.max(1, style.gridTemplateColumns.split(' ').filter(Boolean).length);
    const gap = parseFloat(style.rowGap) || 0;
    const cells = [...grid.current.children] as HTMLElement[];
    const rowHeight = Math.max(1, ...cells.map((c) => c.offsetHeight));
    const controlHeight = probe.current?.offsetHeight ?? 0;
    const rowsThatFit = (height: number) => Math.max(1, Math.floor((height + gap) / (rowHeight + gap)));
    let fitted: Fit;
    if (rows === 'fill') {
      const height = box.current.clientHeight;
      const all = rowsThatFit(height) * columns >= items.length;
      const pagedRows = rowsThatFit(height - controlHeight - gap);
      fitted = { cells: all ? items.length : pagedRows * columns, columns, all, rowHeight, pagedCells: pagedRows * columns };
    } else {
      fitted = { cells: rows * columns, columns, all: rows * columns >= items.length, rowHeight, pagedCells: rows * columns };
    }
    setFit(fitted);
  }, [fit, items.length, rows]);

  // The estimate was a row too generous (rounding, a control that wraps): one row fewer, until it fits.
  useLayoutEffect(() => {
    const element = box.current;
    if (!fit || rows !== 'fill' || !element || element.scrollHeight <= element.clientHeight + 1) return;
    if (fit.all) setFit({ ...fit, all: false, cells: fit.pagedCells });
    else if (fit.cells > fit.columns) setFit({ ...fit, cells: fit.cells - fit.columns });
  });

  // A new size of box or text: measure again.
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    let width = element.clientWidth;
    let height = rows === 'fill' ? element.clientHeight : 0;
    // A box whose size followed its content (a scroll bar that comes and goes) would measure
    // forever and never hold still under a finger: a few resizes per screen, then no more.
    let resizes = 0;
    const remeasure = () => setFit(null);
    const resized = new ResizeObserver(() => {
      const h = rows === 'fill' ? element.clientHeight : 0;
      if (element.clientWidth === width && h === height) return;
      width = element.clientWidth;
      height = h;
      if (++resizes <= 4) remeasure();
    });
    resized.observe(element);
    const modes = new MutationObserver(remeasure);
    modes.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    if (document.fonts?.status !== 'loaded') void document.fonts?.ready.then(remeasure);
    return () => {
      resized.disconnect();
      modes.disconnect();
    };
  }, [rows]);

  const starts = fit && !fit.all ? pageStarts(items.length, fit.cells, inline) : [0];
  const current = Math.min(page, starts.length - 1);
  const from = starts[current] ?? 0;
  const to = fit ? (fit.all ? items.length : (starts[current + 1] ?? items.length)) : items.length;
  const shown = items.slice(from, to);
  const before = items.slice(starts[current - 1] ?? 0, from);
  const after = items.slice(to, starts[current + 2] ?? items.length);
  const back = current > 0 && (
    <button type="button" class="paged__control paged__control--back" data-paged-control onClick={() => setPage(current - 1)}>
      <span aria-hidden="true">←{'\u00a0'}</span>
      {backLabel(before)}
    </button>
  );
  const more = to < items.length && (
    <button type="button" class="paged__control paged__control--more" data-paged-control onClick={() => setPage(current + 1)}>
      {moreLabel(after)}
      <span aria-hidden="true">{'\u00a0'}→</span>
    </button>
  );
  return (
    <div ref={box} class={rows === 'fill' ? 'paged paged--fill' : 'paged'} data-paged data-held-back={items.length - shown.length}>
      <div
        ref={grid}
        class={gridClass}
        role="group"
        aria-label={label}
        data-show-me={showMe}
        style={fit && !fit.all && rows === 'fill' ? { gridAutoRows: `${fit.rowHeight}px` } : undefined}
      >
        {inline && back}
        {shown.map((item) => (
          <div key={keyOf(item)} class="paged__cell">
            {render(item)}
          </div>
        ))}
        {inline && more}
      </div>
      {!inline && (back || more) && (
        <div class={back && more ? 'paged__nav' : 'paged__nav paged__nav--single'}>
          {back}
          {more}
        </div>
      )}
      {/* Measures how tall the controls below the grid are (half its width, a label as long as they get), before any is needed. */}
      {!fit && !inline && (
        <div class="paged__nav paged__nav--single paged__probe" aria-hidden="true">
          <button ref={probe} type="button" class="paged__control paged__control--more" tabIndex={-1}>
            {moreLabel(items.slice(Math.ceil(items.length / 2)))}{'\u00a0'}→
          </button>
        </div>
      )}
    </div>
  );
}

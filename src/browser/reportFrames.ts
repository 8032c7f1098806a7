/**
 * HTML reportables (sandboxed `iframe.html-reportable`, see src/render/reportables/html.ts) take
 * the height of their content instead of the default 400 px: taller content is shown whole (up to
 * MAX_FRAME_HEIGHT, past which the frame scrolls), shorter content gets a shorter frame. The frame
 * is same-origin but runs no script, so this page measures its document. With JavaScript off the
 * frame keeps the default height and stays resizable by hand.
 */

/** Tallest frame we grow to; past it the frame scrolls, so one huge reportable cannot swamp the page. */
const MAX_FRAME_HEIGHT = 3000;

/** The frame's border, top and bottom: its `height` counts it (the stylesheet sets `box-sizing: border-box`). */
const FRAME_BORDERS = 2;

/** How long a resizing window stays still before the frames are measured again. */
const RESIZE_SETTLE_MS = 150;

/**
 * The height `doc` needs to show all of its content without scrolling, in CSS pixels. Not
 * `documentElement.scrollHeight`: that is never less than the frame's own height (the viewport),
 * so a frame measured by it could grow but never shrink. The root element's box ends where the
 * body's margin does; the body's scroll height adds what overflows it (a fixed-height box with
 * taller content), and a horizontal scroll bar takes its height from the viewport.
 */
export function contentHeight(doc: Document): number {
  const root = doc.documentElement;
  const view = doc.defaultView;
  let height = root.getBoundingClientRect().height;
  const body = doc.body;
  if (body !== null && view !== null) {
    const top = body.getBoundingClientRect().top + view.scrollY;
    const marginBottom = Number.parseFloat(view.getComputedStyle(body).marginBottom) || 0;
    height = Math.max(height, top + body.scrollHeight + marginBottom);
  }
  const scrollBar = view === null ? 0 : Math.max(0, view.innerHeight - root.clientHeight);
  return Math.ceil(height + scrollBar);
}

/** Sets a frame's height attribute to its document's content height (kept when the document cannot be read). */
function fitFrame(frame: HTMLIFrameElement): void {
  let doc: Document | null;
  try {
    doc = frame.contentDocument;
  } catch {
    // Another origin (never the case for our srcdoc frames): keep the default height.
    return;
  }
  if (doc === null || doc.body === null) return;
  const height = contentHeight(doc);
  if (height > 0) frame.height = String(Math.min(height + FRAME_BORDERS, MAX_FRAME_HEIGHT));
}

/**
 * Fits every HTML reportable frame, and again whenever the window's width settles (text rewraps).
 * Call it only after the page's own load event: resizing a frame whose content holds an <object>
 * or media that the frame's CSP refuses can restart that content's loading, which would hold the
 * page's load event forever (seen in Chromium with fixtures/hostile/html-reportable-remote-loads).
 */
export function fitFrames(): void {
  const frames = Array.from(document.querySelectorAll<HTMLIFrameElement>("iframe.html-reportable"));
  for (const frame of frames) {
    // Lazy frames below the fold load later: fit them then.
    frame.addEventListener("load", () => fitFrame(frame));
    const doc = frame.contentDocument;
    if (doc !== null && doc.readyState === "complete" && doc.URL === "about:srcdoc") fitFrame(frame);
  }
  let pending = 0;
  window.addEventListener("resize", () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(() => frames.forEach(fitFrame), RESIZE_SETTLE_MS);
  });
}

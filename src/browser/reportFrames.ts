/**
 * HTML reportables (sandboxed `iframe.html-reportable`, see src/render/reportables/html.ts) take
 * the height of their content instead of the default 400 px, up to MAX_FRAME_HEIGHT, past which
 * the frame scrolls. The frame is same-origin but runs no script, so this page measures its
 * document. With JavaScript off the frame keeps the default height and stays resizable by hand.
 */

/** Tallest frame we grow to; past it the frame scrolls, so one huge reportable cannot swamp the page. */
const MAX_FRAME_HEIGHT = 3000;

/** The frame's border, top and bottom: its `height` counts it (the stylesheet sets `box-sizing: border-box`). */
const FRAME_BORDERS = 2;

/** How long a resizing window stays still before the frames are measured again. */
const RESIZE_SETTLE_MS = 150;

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
  const height = Math.max(doc.documentElement.scrollHeight, doc.body.scrollHeight);
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

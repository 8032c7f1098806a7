/**
 * Figure and image reportables: the file is copied next to the report and shown with `<img>`. An
 * SVG is never inlined: untrusted SVG can carry script, and `<img>` never runs it.
 */
import type { RunFile } from "../../run/model.js";
import { clipField } from "../../util/clip.js";
import { escapeHtml } from "../../util/escape.js";
import { CuriError } from "../../util/errors.js";
import type { RenderedFragment } from "../types.js";
import type { ReportableContext } from "./context.js";
import { encodePath } from "./text.js";

/** Image formats a figure or image reportable may have. */
export type ImageFormat = "svg" | "png" | "jpeg" | "gif" | "webp";

/** File extension per format; the extension decides the Content-Type a static host sends. */
export const IMAGE_EXTENSIONS: Readonly<Record<ImageFormat, string>> = {
  svg: ".svg",
  png: ".png",
  jpeg: ".jpg",
  gif: ".gif",
  webp: ".webp",
};

/** The image facts a figure or image reportable carries. */
export interface ImageSource {
  readonly format: ImageFormat;
  readonly file: RunFile;
  /** Alternative text; the reportable's name when absent. */
  readonly alt: string;
}

/** Renders `<img>` for the copied file and asks site to copy `file` to `fileBase + extension`. */
export function renderImageReportable(image: ImageSource, ctx: ReportableContext): RenderedFragment {
  const ext = Object.hasOwn(IMAGE_EXTENSIONS, image.format) ? IMAGE_EXTENSIONS[image.format] : undefined;
  if (ext === undefined)
    throw new CuriError(
      `image format ${JSON.stringify(image.format)} is not one of ${Object.keys(IMAGE_EXTENSIONS).join(", ")}`,
    );
  if (!image.file) throw new CuriError("the reportable names no image file; report it with its file");
  const path = `${ctx.fileBase}${ext}`;
  const html = `<figure class="image-reportable"><img src="${escapeHtml(encodePath(path))}" alt="${escapeHtml(clipField(image.alt, 2_000))}" loading="lazy" decoding="async"></figure>`;
  return { html, files: [], copies: [{ path, source: image.file }] };
}

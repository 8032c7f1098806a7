/**
 * The site layer's public face: the only code that writes reports. Build one run's report, a
 * whole site, or just its index; write through a path-guarded writer to disk or memory; preview
 * over HTTP.
 */
export { buildReport, type BuildReportOptions, type BuiltReport } from "./buildReport.js";
export {
  buildSite,
  resolveSiteInput,
  type BuildSiteOptions,
  type SiteBuildResult,
  type SiteFailure,
  type SiteInput,
  type SiteProgress,
} from "./buildSite.js";
export {
  buildIndex,
  scanSite,
  type BrokenReport,
  type BuildIndexOptions,
  type IndexBuildResult,
  type IndexedReport,
  type SiteContents,
} from "./buildIndex.js";
export type { ReportFiles } from "./ReportFiles.js";
export type { SiteTarget } from "./SiteTarget.js";
export { DiskTarget, type DiskTargetOptions } from "./DiskTarget.js";
export { MemoryTarget } from "./MemoryTarget.js";
export { FileSystemReportFiles } from "./FileSystemReportFiles.js";
export { InMemoryReportFiles } from "./InMemoryReportFiles.js";
export { checkCopySource, safeOutputPath } from "./safeOutputPath.js";
export { serveReports, CONTENT_TYPES, type RunningServer, type ServeOptions } from "./serve.js";
export { ASSET_FILES, CUSTOM_CSS, packageVersion, SITE_ASSETS_DIR } from "./packageFiles.js";
export { checkSite, formatSiteProblem, siteCheckError, DEFAULT_MAX_FILE_BYTES, type SiteProblem } from "./check.js";
export {
  composeSingleFile,
  singleFileStamp,
  SINGLE_FILE_MAX_BYTES,
  type SingleFileOptions,
  type SingleFileResult,
} from "./singleFile.js";

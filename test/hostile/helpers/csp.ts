/**
 * What a Content-Security-Policy lets through: the hostile tests require every page's policy to
 * let nothing load from outside the site and no inline or eval'd script run, and every HTML
 * reportable's frame policy to run no script at all.
 */

/** Fetch directives: each must allow no outside source, directly or through default-src. */
const FETCH_DIRECTIVES = [
  "default-src",
  "script-src",
  "style-src",
  "img-src",
  "font-src",
  "connect-src",
  "media-src",
  "object-src",
  "frame-src",
  "worker-src",
  "manifest-src",
];

/** Sources that never reach another host. */
const LOCAL = /^('none'|'self'|'unsafe-inline'|'sha(256|384|512)-[A-Za-z0-9+/=]+'|data:|blob:)$/;

/**
 * What is wrong with `policy`: a directive that lets a fetch leave the site, inline or eval'd
 * script, a missing lock-down of base and forms; with `noScript`, any script at all.
 */
export function cspProblems(policy: string, options: { noScript?: boolean } = {}): string[] {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  const problems: string[] = [];
  if (directives.get("default-src")?.join(" ") !== "'none'") problems.push("default-src is not 'none'");
  for (const d of FETCH_DIRECTIVES) {
    const sources = directives.get(d) ?? directives.get("default-src") ?? ["*"];
    for (const s of sources) if (!LOCAL.test(s)) problems.push(`${d} allows ${s}`);
  }
  const script = directives.get("script-src") ?? directives.get("default-src") ?? [];
  if (script.some((s) => s === "'unsafe-inline'" || s === "'unsafe-eval'" || s === "data:" || s === "blob:"))
    problems.push(`script-src allows ${script.join(" ")}`);
  if (options.noScript === true && !(script.length === 1 && script[0] === "'none'"))
    problems.push("a frame may run script");
  if (options.noScript !== true) {
    for (const d of ["base-uri", "form-action"])
      if (directives.get(d)?.join(" ") !== "'none'") problems.push(`${d} is not 'none'`);
  }
  return problems;
}

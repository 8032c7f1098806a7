/**
 * Attack strings of the hostile fixtures. Every script payload sets `window.__pwned` and calls
 * `alert()`, and every load goes to `https://evil.example/`, so the browser test can tell whether
 * anything from the input ran or reached out.
 */

/** What every script payload does. */
export const PWN = "window.__pwned=true";

/** A script element. */
export const SCRIPT = `<script>${PWN};alert(1)</script>`;

/** An event handler that fires without any click. */
export const ONERROR = `<img src=x onerror="${PWN};alert(2)">`;

/** A script URL. */
export const JS_URL = `javascript:${PWN};alert(3)`;

/** The outside host every payload tries to reach. */
export const EVIL_HOST = "https://evil.example";

/**
 * A string that tries every HTML trick at once, led by `label` so a test can tell the fields
 * apart: quotes of both kinds, markup, a script, an event handler, comment and CDATA enders,
 * entities, a script URL.
 */
export function evil(label: string): string {
  return `${label} "dq" 'sq' <b>bold</b> ${SCRIPT}${ONERROR} </script> --> ]]> &amp; & ${JS_URL}`;
}

/** `evil` without `/` (a run reference may not contain one: it names a folder). */
export function evilNoSlash(label: string): string {
  return `${label} "dq" 'sq' <b onmouseover=alert(1)>bold<img src=x onerror=${PWN}> --> ]]> &amp; &`;
}

/** Markdown that tries raw HTML, script URLs, remote and outside images, forms and mutation tricks. */
export function evilMarkdown(label: string): string {
  return [
    `${label} **bold** and \`<script>${PWN}</script>\` in code.`,
    "",
    SCRIPT,
    ONERROR,
    `<iframe src="${EVIL_HOST}/frame"></iframe>`,
    "<style>body{display:none!important}</style>",
    `<a href="${JS_URL}">raw js link</a>`,
    `[md js link](javascript:${PWN})`,
    `[md mixed case link](JaVaScRiPt:${PWN})`,
    `[md entity link](javascript&#58;${PWN})`,
    `[md data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD10cnVlPC9zY3JpcHQ+)`,
    "[md vbscript link](vbscript:msgbox)",
    "",
    `![remote image](${EVIL_HOST}/remote.png)`,
    "![protocol relative image](//evil.example/relative.png)",
    "![absolute path image](/etc/hostname)",
    "![parent folder image](../../../etc/hostname)",
    "![encoded parent image](%2e%2e/%2e%2e/etc/hostname)",
    "![backslash parent image](..\\..\\etc\\hostname)",
    `<img src="${EVIL_HOST}/raw.png">`,
    `<img src="/etc/hostname">`,
    `<img src="%2E%2E/%2E%2E/x.png">`,
    `<form action="${EVIL_HOST}/form"><input name="q" value="form field"></form>`,
    `<svg><script>${PWN}</script></svg>`,
    `<details open ontoggle="${PWN}">details text</details>`,
    "",
    `plain autolink ${EVIL_HOST}/autolink`,
    "",
    // Last, because its unclosed <style> swallows what follows: sanitizers that re-parse differently let the <img> out.
    `<math><mtext><table><mglyph><style><img src=x onerror="${PWN}">`,
  ].join("\n");
}

/** Texts a reader must still see from `evilMarkdown(label)` once it is sanitized. */
export function evilMarkdownTexts(label: string): string[] {
  return [
    `${label} bold and <script>${PWN}</script> in code.`,
    "raw js link",
    "md js link",
    "md mixed case link",
    "md data link",
    "md vbscript link",
    "remote image",
    "details text",
    `plain autolink ${EVIL_HOST}/autolink`,
  ];
}

/** Strings that break DOT quoted strings, escStrings, HTML-like labels and graph structure. */
export const DOT_BREAKERS: readonly string[] = [
  `quote " in the middle`,
  `back\\slash \\N \\G \\l \\n \\" end\\`,
  "braces } { and ]; -> -- edges",
  `html-like </td></tr></table>> <b>x</b> <BR/> <font color="red">`,
  "entities &amp; &#60; &#x3C; &lt; & ;",
  "subgraph cluster_x { a -> b } digraph {",
  "<<table><tr><td>nested</td></tr></table>>",
];

/** Strings that break Mermaid labels, ids, directives, Markdown and the comment's code fence. */
export const MERMAID_BREAKERS: readonly string[] = [
  `quote " ] [ ( ) { } | ; end`,
  "%%{init: {'securityLevel':'loose'}}%% %% comment",
  "click s0_0 call alert(1) href javascript:alert(1)",
  "style s0_0 fill:#f00 classDef evil fill:#f00 :::evil",
  "```fence``` `tick` <br/> <b>b</b> #quot; #35; &quot;",
  "graph TD; A-->B; end; subgraph x",
  "$$x^2$$ \\n \\\\ @octocat https://evil.example/m",
];

/** Characters that vanish, reorder or break text: controls, bidi overrides, zero-width, emoji, scripts. */
export const UNICODE_NAMES: readonly string[] = [
  "line one\nline two\ttabbed",
  "bell\u0007 escape\u001b nul\u0000 del\u007f next-line\u0085",
  "rtl \u202Eoverride\u202C and \u2066isolate\u2069 \u200Fעברית\u200F العربية",
  "zero\u200Bwidth join\u200Der bom\uFEFF",
  "emoji 👩‍🔬 🏳️‍🌈 🇯🇵 👍🏽 😀",
  "non-ASCII café naïve e\u0301 日本語 中文 Ελληνικά Кириллица",
];

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** What `UNICODE_NAMES[i]` looks like as text: control characters shown as `\uXXXX` (tab and newline kept). */
export function shownUnicode(text: string): string {
  return text.replace(CONTROL_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

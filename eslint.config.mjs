// Lint rules, including the layer rule: data flows util → run → record → render → site → cli,
// and each layer imports only the layers before it. The run format comes before the record
// runtime because a run folder must be readable without the runtime (a run exported from Python
// curifactory has no TypeScript Records), while the runtime writes run folders.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const layers = ["util", "run", "record", "render", "site", "cli"];

/** For each layer, forbid importing the layers after it. */
const layerRules = layers.map((layer, i) => {
  const later = layers.slice(i + 1);
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: later.map((l) => ({
            group: [`**/${l}/*`, `**/${l}/**`],
            message: `src/${layer} may not import src/${l}: layers flow ${layers.join(" → ")} (see STYLE in README).`,
          })),
        },
      ],
    },
  };
});

/**
 * Inside render, folders flow one way too (docs/architecture.md, "src/render by feature"): each may
 * import only the folders before it. The top-level files are shared (types, colours, templates,
 * the router's re-export, the run context) and are not ordered here.
 */
const renderFolders = [
  "router",
  "markup",
  "facts",
  "plot",
  "analysis",
  "formats",
  "graph",
  "reportables",
  "history",
  "compare",
  "views",
  "summary",
];
const renderLayerPatterns = layers.slice(layers.indexOf("render") + 1).map((l) => ({
  group: [`**/${l}/*`, `**/${l}/**`],
  message: `src/render may not import src/${l}: layers flow ${layers.join(" → ")} (see STYLE in README).`,
}));
const renderFolderRules = renderFolders.map((folder, i) => ({
  files: [`src/render/${folder}/**/*.ts`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          ...renderLayerPatterns,
          ...renderFolders.slice(i + 1).map((later) => ({
            group: [`../${later}/*`, `../${later}/**`, `**/render/${later}/*`, `**/render/${later}/**`],
            message: `src/render/${folder} may not import src/render/${later}: render's folders flow ${renderFolders.join(" → ")} (docs/architecture.md).`,
          })),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      "src/**/*.generated.ts",
      "dist/**",
      "node_modules/**",
      "reports/**",
      "runs/**",
      "data/**",
      "fixtures/**",
      "coverage/**",
      "templates/**/*.js",
      ".tmp/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        window: "readonly",
        document: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: false }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/cli/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "exit", message: "Only the CLI sets exit codes; throw a CuriError." },
      ],
    },
  },
  {
    files: ["src/render/**/*.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Render is deterministic: the build time is an input." },
        { object: "Math", property: "random", message: "Render is deterministic." },
      ],
    },
  },
  ...layerRules,
  ...renderFolderRules,
  {
    // The in-browser comparison (bundled into templates/assets/compare.js): browser-safe modules only.
    files: ["src/browser/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: "src/browser runs in the browser: no Node modules." },
            {
              group: ["**/site/*", "**/cli/*", "**/record/*"],
              message:
                "src/browser may import only browser-safe render and util modules (see scripts/bundle-browser.mjs).",
            },
          ],
        },
      ],
    },
  },
);

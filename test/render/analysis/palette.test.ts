import { readFileSync } from "node:fs";
import path from "node:path";
import * as csstree from "css-tree";
import { describe, expect, it } from "vitest";
import { DARK_INK, DARK_STEPS, LIGHT_INK, LIGHT_STEPS, STEPS, stepOf } from "../../../src/render/analysis/palette.js";
import { ASSETS_DIR } from "../../../src/render/templates.js";

/** `--an-*` custom properties of `:root`, in the light theme and inside the dark-theme media query. */
function analysisVariables(): { light: Map<string, string>; dark: Map<string, string> } {
  const ast = csstree.parse(readFileSync(path.join(ASSETS_DIR, "style.css"), "utf8"));
  const light = new Map<string, string>();
  const dark = new Map<string, string>();
  csstree.walk(ast, {
    visit: "Rule",
    enter(rule) {
      if (csstree.generate(rule.prelude) !== ":root") return;
      const inDark = this.atrule !== null && csstree.generate(this.atrule.prelude ?? rule.prelude).includes("dark");
      csstree.walk(rule.block, {
        visit: "Declaration",
        enter(d) {
          if (d.property.startsWith("--an-")) (inDark ? dark : light).set(d.property, csstree.generate(d.value).trim());
        },
      });
    },
  });
  return { light, dark };
}

describe("the analysis palette follows the theme", () => {
  const { light, dark } = analysisVariables();

  it("defines every step and its ink for both themes in style.css, equal to palette.ts", () => {
    for (let k = 0; k < STEPS; k++) {
      expect(light.get(`--an-s${k}`), `light step ${k}`).toBe(LIGHT_STEPS[k]);
      expect(dark.get(`--an-s${k}`), `dark step ${k}`).toBe(DARK_STEPS[k]);
      expect(light.get(`--an-t${k}`), `light ink ${k}`).toBe(LIGHT_INK[k]);
      expect(dark.get(`--an-t${k}`), `dark ink ${k}`).toBe(DARK_INK[k]);
    }
  });

  it("maps values to steps from worst to best, either direction", () => {
    expect(stepOf(0, 0, 1)).toBe(0);
    expect(stepOf(1, 0, 1)).toBe(STEPS - 1);
    expect(stepOf(0.1, 1, 0)).toBe(STEPS - 1);
    expect(stepOf(5, 5, 5)).toBe(STEPS / 2);
  });
});

/**
 * Copy buttons: the hidden ones reportables render (`button.copy[data-copy-target]`), shown once a
 * script can serve them, and a new one above each command line (`pre.copyable`).
 */

/** How long a button says "Copied" before it reads as before. */
const CONFIRM_MS = 1500;

/** Copies text, with a fallback where the async clipboard API is missing (e.g. a page from file:// that is no secure context). */
function copyText(text: string): Promise<void> {
  if (navigator.clipboard !== undefined && window.isSecureContext) return navigator.clipboard.writeText(text);
  return new Promise((resolve, reject) => {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    // Off-screen by a class: the pages' Content-Security-Policy forbids inline styles.
    area.className = "copy-buffer";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      // The only copy that works without the clipboard API; deprecated, but no browser dropped it.
      ok = document.execCommand("copy");
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
    document.body.removeChild(area);
    if (ok) resolve();
    else reject(new Error("copy failed"));
  });
}

/** Makes `button` copy the text of `target`, and says so briefly. */
function wire(button: HTMLButtonElement, target: Element): void {
  const label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", () => {
    copyText(target.textContent ?? "").then(
      () => {
        button.textContent = "Copied";
      },
      () => {
        button.textContent = "Select and copy";
      },
    );
    window.setTimeout(() => {
      button.textContent = label;
    }, CONFIRM_MS);
  });
}

/** Shows the reportables' copy buttons and adds one to every command line. */
export function copyButtons(): void {
  document.querySelectorAll<HTMLButtonElement>("button.copy[data-copy-target]").forEach((button) => {
    const target = document.getElementById(button.getAttribute("data-copy-target") ?? "");
    if (target !== null) wire(button, target);
  });
  document.querySelectorAll<HTMLPreElement>("pre.copyable").forEach((pre) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    pre.parentNode?.insertBefore(button, pre);
    wire(button, pre);
  });
}

// curi-report page enhancements. The pages are complete without this script: it only adds copy
// buttons, a filter box for long lists, fits HTML reportable frames to their content, and opens
// folded records for printing. No network, no storage, no inline styles (the pages'
// Content-Security-Policy forbids them).
(function () {
  "use strict";

  /** Copies text, with a fallback for browsers without the async clipboard API. */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "copy-buffer";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (error) {
        reject(error);
      }
      document.body.removeChild(area);
      if (ok) resolve();
      else reject(new Error("copy failed"));
    });
  }

  /** Makes `button` copy the text of `target`, and says so briefly. */
  function wire(button, target) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(target.textContent || "").then(
        function () {
          button.textContent = "Copied";
        },
        function () {
          button.textContent = "Select and copy";
        },
      );
      window.setTimeout(function () {
        button.textContent = label;
      }, 1500);
    });
  }

  /** Buttons rendered hidden by reportables (`data-copy-target`), and new ones for command lines. */
  function copyButtons() {
    document.querySelectorAll("button.copy[data-copy-target]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      if (target) wire(button, target);
    });
    document.querySelectorAll("pre.copyable").forEach(function (pre) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = "Copy";
      pre.parentNode.insertBefore(button, pre);
      wire(button, pre);
    });
  }

  /** Adds a search box that hides list items whose text does not contain the query. */
  function filterBox(list, items, placeholder) {
    if (!list || items.length < 8) return;
    var input = document.createElement("input");
    input.type = "search";
    input.className = "toc-filter";
    input.placeholder = placeholder;
    input.setAttribute("aria-label", placeholder);
    list.parentNode.insertBefore(input, list);
    var texts = items.map(function (item) {
      return (item.textContent || "").toLowerCase();
    });
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      items.forEach(function (item, i) {
        item.classList.toggle("hidden-by-filter", query !== "" && texts[i].indexOf(query) === -1);
      });
    });
  }

  /** Filter for the reportables list: matches items, and keeps a group visible while any item matches. */
  function reportablesFilter() {
    var nav = document.getElementById("reportables-toc");
    if (!nav) return;
    var list = nav.querySelector("ul");
    var leaves = Array.prototype.slice.call(nav.querySelectorAll("li:not(.toc-group)"));
    filterBox(list, leaves, "Filter reportables");
    var input = nav.querySelector("input.toc-filter");
    if (!input) return;
    input.addEventListener("input", function () {
      nav.querySelectorAll("li.toc-group").forEach(function (group) {
        var shown = group.querySelector("li:not(.hidden-by-filter)");
        group.classList.toggle("hidden-by-filter", !shown);
      });
    });
  }

  /** Filter for the index's list of all runs. */
  function runsFilter() {
    var all = document.getElementById("all-runs");
    if (!all) return;
    var list = all.querySelector("ul.runs");
    if (!list) return;
    filterBox(list, Array.prototype.slice.call(list.children), "Filter runs");
  }

  /** Folded records print open; they fold back afterwards. */
  function printOpensDetails() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (d) {
        d.open = true;
        opened.push(d);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) {
        d.open = false;
      });
      opened = [];
    });
  }

  /** Tallest frame we grow to; past it the frame scrolls, so one huge reportable cannot swamp the page. */
  var MAX_FRAME_HEIGHT = 3000;

  /** Sets a frame's height attribute to its document's height (the frame is same-origin but runs no script). */
  function fitFrame(frame) {
    var doc;
    try {
      doc = frame.contentDocument;
    } catch (error) {
      return; // not readable (another origin): keep the default height
    }
    if (!doc || !doc.documentElement) return;
    var height = Math.max(doc.documentElement.scrollHeight, doc.body ? doc.body.scrollHeight : 0);
    if (height > 0) frame.height = String(Math.min(height + 2, MAX_FRAME_HEIGHT));
  }

  /**
   * HTML reportables take the height of their content instead of the default 400 px. Only after
   * the page's own load event: resizing a frame whose content holds an <object> or media that the
   * frame's CSP refuses can restart that content's loading, which would hold the page's load
   * event forever (seen in Chromium with fixtures/hostile/html-reportable-remote-loads).
   */
  function fitFrames() {
    var frames = Array.prototype.slice.call(document.querySelectorAll("iframe.html-reportable"));
    frames.forEach(function (frame) {
      frame.addEventListener("load", function () {
        fitFrame(frame);
      });
      var doc = frame.contentDocument;
      if (doc && doc.readyState === "complete" && doc.URL === "about:srcdoc") fitFrame(frame);
    });
    var pending = 0;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        frames.forEach(fitFrame);
      }, 150);
    });
  }


  // ---- results, comparison and trends tables (issue 10) ----
  /** The value a cell sorts by: its data-sort text, as a number in numeric columns ("" sorts last). */
  function sortKey(cell, numeric) {
    var raw = cell ? cell.getAttribute("data-sort") : "";
    if (raw === null) raw = cell ? cell.textContent || "" : "";
    if (!numeric) return raw.toLowerCase();
    return raw === "" ? null : Number(raw);
  }

  /** Sorts `table`'s body rows by column `col`; numeric columns compare numbers, missing values last. */
  function sortTable(table, col, numeric, descending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, i) {
      return { row: row, key: sortKey(row.cells[col], numeric), i: i };
    });
    keyed.sort(function (a, b) {
      if (a.key === null || b.key === null) return a.key === b.key ? a.i - b.i : a.key === null ? 1 : -1;
      var c = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return (descending ? -c : c) || a.i - b.i;
    });
    keyed.forEach(function (k) {
      body.appendChild(k.row);
    });
  }

  /** Turns the headers of `table` into sort buttons; the first click sorts best first (data-goal) or ascending. */
  function sortableTable(table) {
    var heads = Array.prototype.slice.call(table.tHead ? table.tHead.rows[0].cells : []);
    heads.forEach(function (th, col) {
      if (th.getAttribute("data-kind") === null) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var numeric = th.getAttribute("data-kind") === "num";
        var current = th.getAttribute("aria-sort");
        var descending = current === null || current === "none" ? th.getAttribute("data-goal") === "max" : current === "ascending";
        heads.forEach(function (h) {
          h.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        sortTable(table, col, numeric, descending);
      });
    });
  }

  /** A filter box above `table` that hides body rows whose text does not contain the query. */
  function filterTable(table, placeholder) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    if (rows.length < 5) return;
    var input = document.createElement("input");
    input.type = "search";
    input.className = "toc-filter";
    input.placeholder = placeholder;
    input.setAttribute("aria-label", placeholder);
    var holder = table.parentNode.classList.contains("table-scroll") ? table.parentNode : table;
    holder.parentNode.insertBefore(input, holder);
    var texts = rows.map(function (r) {
      return (r.textContent || "").toLowerCase();
    });
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      rows.forEach(function (r, i) {
        r.classList.toggle("hidden-by-filter", q !== "" && texts[i].indexOf(q) === -1);
      });
    });
  }

  /** Trends: ticking two runs of an experiment shows a link to their comparison in the site's compare.html. */
  function comparePicker(table) {
    var bar = document.getElementById(table.getAttribute("data-compare-bar"));
    if (!bar) return;
    var boxes = Array.prototype.slice.call(table.querySelectorAll("input.pick"));
    boxes.forEach(function (box) {
      box.hidden = false;
      box.addEventListener("change", function () {
        var picked = boxes.filter(function (b) {
          return b.checked;
        });
        while (bar.firstChild) bar.removeChild(bar.firstChild);
        // Keep in sync with MAX_RUNS in src/browser/compareApp.ts.
        if (picked.length < 2 || picked.length > 6) {
          bar.textContent = picked.length < 2 ? "Tick two runs (or up to six) to compare them." : "Tick at most six runs.";
          return;
        }
        // The oldest ticked run is the base, whatever order the table is sorted in.
        picked.sort(function (a, b) {
          return Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
        });
        var runs = picked.map(function (b) {
          return encodeURIComponent(b.getAttribute("data-folder"));
        });
        var link = document.createElement("a");
        link.href = table.getAttribute("data-compare-app") + "?runs=" + runs.join(",");
        link.textContent = picked.length === 2 ? "Compare the two ticked runs" : "Compare the " + picked.length + " ticked runs";
        bar.appendChild(link);
      });
    });
    bar.hidden = false;
    bar.textContent = "Tick two runs (or up to six) to compare them.";
  }

  function resultTables(root) {
    root.querySelectorAll("table.results-table, table.trends-table, table.compare-table[data-sortable]").forEach(function (table) {
      sortableTable(table);
      filterTable(table, table.classList.contains("trends-table") ? "Filter runs" : "Filter rows");
    });
    root.querySelectorAll("table.trends-table[data-compare-bar]").forEach(comparePicker);
  }
  // ---- end of issue 10 block ----

  function start() {
    resultTables(document);
    // compare.html draws its tables after loading the runs' data (assets/compare.js), then says so.
    document.addEventListener("curi:rendered", function (event) {
      if (event.detail && event.detail.querySelectorAll) resultTables(event.detail);
    });
    if (document.readyState === "complete") fitFrames();
    else window.addEventListener("load", fitFrames);
    copyButtons();
    reportablesFilter();
    runsFilter();
    printOpensDetails();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

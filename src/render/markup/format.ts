/**
 * Small text formatters shared by the view builders, so templates never do date maths or
 * number formatting. All pure and locale-independent: the same input gives the same bytes.
 */
import type { RunStatus } from "../../run/model.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})-T(\d{2})(\d{2})(\d{2})$/;

/** A run timestamp shown to people: readable text plus a machine-readable value, or the raw text. */
export interface TimestampView {
  /** e.g. `26 Nov 2026, 23:38:42`, or the raw timestamp when it does not parse. */
  readonly text: string;
  /** `2026-11-26T23:38:42` for `<time datetime>`, or null when the timestamp does not parse. */
  readonly datetime: string | null;
}

/**
 * Formats a run's `YYYY-MM-DD-THHMMSS` timestamp by reading its digits: no Date object, no time
 * zone maths, because the run wrote local wall-clock time without a zone.
 */
export function formatTimestamp(timestamp: string): TimestampView {
  const m = TIMESTAMP.exec(timestamp);
  if (!m) return { text: timestamp, datetime: null };
  const [, y, mo, d, h, mi, s] = m as unknown as [string, string, string, string, string, string, string];
  const month = MONTHS[Number(mo) - 1];
  if (month === undefined || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
    return { text: timestamp, datetime: null };
  }
  return { text: `${Number(d)} ${month} ${y}, ${h}:${mi}:${s}`, datetime: `${y}-${mo}-${d}T${h}:${mi}:${s}` };
}

/** Formats a duration in seconds as `0.42 s`, `12.3 s`, `4 min 05 s` or `2 h 03 min 07 s`; null for unusable input. */
export function formatDuration(seconds: number | undefined | null): string | null {
  if (seconds === undefined || seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h} h ${String(min).padStart(2, "0")} min ${s} s` : `${min} min ${s} s`;
}

/** How a status is shown: its label and the CSS class that gives its colour. */
export interface StatusView {
  readonly label: string;
  /** `status-complete`, `status-incomplete`, `status-error`, `status-live` or `status-unknown`. */
  readonly className: string;
}

/** Label and colour class of a run status (complete green, incomplete orange, error red, LIVE cyan). */
export function statusView(status: RunStatus | "unknown"): StatusView {
  return { label: status.toUpperCase(), className: `status-${status.toLowerCase()}` };
}

/** The first non-empty line of a text (the index shows only that much of the notes), or null. */
export function firstLine(text: string | null | undefined): string | null {
  if (!text) return null;
  const line = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== "");
  return line === undefined ? null : line.trim();
}

/** Label of the params key under which args sets not from a file are filed. Keep in sync with wire.ts. */
export const LIVE_PARAMS_KEY = "(live)";

/** Heading shown for a params key: the file name, or a phrase for live args sets. */
export function paramFileLabel(key: string): string {
  return key === LIVE_PARAMS_KEY ? "Non-file (live) args sets" : key;
}

/** `1 reportable`, `2 reportables`: a count with its noun. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

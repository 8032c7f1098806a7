/**
 * The run's log: stage starts and ends, cache hits, warnings, the final status. Kept in memory and
 * written to the run folder's `log.txt`, so the report can link it.
 */

/** Log levels, as they appear in `log.txt`. */
export type LogLevel = "INFO" | "WARNING" | "ERROR";

/** An in-memory log whose lines carry the time from the manager's clock. */
export class RunLog {
  /** The lines so far, without trailing newlines. */
  readonly lines: string[] = [];

  constructor(private readonly time: () => string) {}

  /** Appends a line at `level`. */
  write(level: LogLevel, message: string): void {
    this.lines.push(`${this.time()} ${level.padEnd(7)} ${message}`);
  }

  /** Appends an INFO line. */
  info(message: string): void {
    this.write("INFO", message);
  }

  /** Appends a WARNING line. */
  warn(message: string): void {
    this.write("WARNING", message);
  }

  /** Appends an ERROR line. */
  error(message: string): void {
    this.write("ERROR", message);
  }

  /** The whole log as text, one line each, ending in a newline (empty for no lines). */
  text(): string {
    return this.lines.map((line) => `${line}\n`).join("");
  }
}

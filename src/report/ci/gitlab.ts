// GitLab's collapsible log sections (docs: ci/jobs/job_logs.md, "Custom collapsible sections"):
// `\e[0Ksection_start:<unix seconds>:<name>[collapsed=…]\r\e[0K<header>` … `\e[0Ksection_end:<unix seconds>:<name>\r\e[0K`.

/** Section names may hold only letters, digits, `_`, `.` and `-`. */
export function sectionName(text: string): string {
  return text.replaceAll(/[^A-Za-z0-9_.-]/g, '_');
}

export function sectionStart(name: string, header: string, nowMs: number, collapsed = false): string {
  const seconds = Math.floor(nowMs / 1000);
  // A header is one line: a newline in it would end the escape sequence early.
  const oneLine = header.replaceAll(/[\r\n]+/g, ' ');
  return `\x1b[0Ksection_start:${seconds}:${sectionName(name)}${collapsed ? '[collapsed=true]' : ''}\r\x1b[0K${oneLine}`;
}

export function sectionEnd(name: string, nowMs: number): string {
  return `\x1b[0Ksection_end:${Math.floor(nowMs / 1000)}:${sectionName(name)}\r\x1b[0K`;
}

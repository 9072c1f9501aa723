// Styles for the audit log only: entries as a ruled list, and fingerprints that wrap on a phone
// instead of pushing the page sideways.
const css = `
.audit-head code, .audit-hash code { overflow-wrap: anywhere; word-break: break-all; }
.audit-head p { margin-bottom: 0.5rem; }
.audit-entries { list-style: none; padding: 0; margin: 0 0 1.5rem; }
.audit-entries > li { border-top: 1px solid var(--line); padding: 0.75rem 0; }
.audit-entries > li:last-child { border-bottom: 1px solid var(--line); }
.audit-entries .audit-what { margin: 0 0 0.25rem; }
.audit-entries details { margin-top: 0.25rem; font-size: 0.95rem; }
.audit-entries summary { font-weight: 400; }
.audit-entries dl { margin: 0; }
.audit-entries dt { font-weight: 600; }
.audit-entries dd { margin: 0 0 0.5rem; }
.audit-filters input[type="date"] { font: inherit; color: inherit; padding: 0.5rem 0.6rem; border: 2px solid var(--ink); border-radius: var(--radius); background: #fff; }
.audit-filters .hint { margin: 0.25rem 0 0; }
.audit-pages { flex-wrap: wrap; }
`;

export function AuditStyle() {
  // A constant, not user input; set as HTML so selectors such as ">" are not escaped.
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}

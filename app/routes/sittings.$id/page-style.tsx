// Styles for this page only: the live indicator, the queue and the timer. The minutes print with
// the site's print stylesheet (app.css), like every other page of the record.
const css = `
.sitting-header .chair-controls { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-start; margin: 1rem 0; }
.sitting-header .chair-controls details { flex-basis: 100%; }
.live-indicator { display: inline-flex; align-items: center; gap: 0.5rem; font-size: 0.95rem; margin: 0.25rem 0 1rem; padding: 0.15rem 0.6rem; border: 1px solid var(--line); border-radius: 999px; }
.live-indicator.static { border: 0; padding: 0; color: var(--muted); }
.live-indicator .dot { width: 0.7rem; height: 0.7rem; border-radius: 50%; background: var(--good); }
.live-indicator.reconnecting { color: var(--warn); background: var(--warn-wash); }
.live-indicator.reconnecting .dot { background: var(--warn); }
@media (prefers-reduced-motion: no-preference) {
  .live-indicator.live .dot { animation: live-pulse 2.4s ease-in-out infinite; }
  @keyframes live-pulse { 50% { opacity: 0.35; } }
}
.announcer:not(:empty) { background: #e8f0f7; border-left: 6px solid var(--brand); padding: 0.5rem 1rem; margin: 0 0 1rem; }
.now-title { font-size: 1.15rem; font-weight: 600; }
.agenda, .minutes-items { padding-left: 1.5rem; }
.agenda > li, .minutes-items > li { padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
.agenda > li.active { border-left: 6px solid var(--brand); padding-left: 0.75rem; }
.agenda-title { margin: 0; font-weight: 600; }
.item-controls { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: flex-start; margin-top: 0.5rem; }
.item-controls details { flex-basis: 100%; }
.queue { padding-left: 1.5rem; }
.queue > li { padding: 0.3rem 0; }
.queue .inline-details { display: inline-block; margin-left: 0.75rem; }
.speaking-time .clock { font-variant-numeric: tabular-nums; font-size: 1.2rem; }
.facts-list { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.75rem 0 1rem; }
.facts-list > div { display: contents; }
.facts-list dt { font-weight: 600; }
.facts-list dd { margin: 0; }
@media (max-width: 40rem) {
  .facts-list { grid-template-columns: 1fr; gap: 0 1rem; }
  .facts-list dd { margin-bottom: 0.4rem; }
}
.presence-facts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
.present-names { columns: 14rem auto; padding-left: 1.25rem; }
.sitting-page .table-scroll { overflow-x: auto; max-width: 100%; }
@media (max-width: 40rem) {
  /* Narrower cells fit the four vote counts on a 375px phone; narrower still, the box scrolls. */
  .sitting-page table.counts { font-size: 0.9rem; }
  .sitting-page table.counts th, .sitting-page table.counts td { padding: 0.4rem 0.25rem; }
}
.your-vote { background: var(--good-wash); padding: 0.4rem 0.75rem; border-radius: var(--radius); }
`;

export function PageStyle() {
  // A constant, not user input; set as HTML so selectors such as ">" are not escaped.
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}

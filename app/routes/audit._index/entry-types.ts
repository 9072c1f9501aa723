// Every kind of entry the services write to the audit log, in plain words for the filter. Old
// entries are never rewritten, so a kind stays here for as long as any entry of it may exist.

export interface EntryKind {
  type: string;
  label: string;
}

export const entryGroups: { label: string; kinds: EntryKind[] }[] = [
  {
    label: "Motions",
    kinds: [
      { type: "motion.published", label: "A motion was published" },
      { type: "motion.edited", label: "A motion's text was changed" },
      { type: "motion.seconded", label: "A member seconded a motion" },
      { type: "motion.state", label: "A motion moved on (seconded, carried, withdrawn…)" },
    ],
  },
  {
    label: "Ballots",
    kinds: [
      { type: "ballot.opened", label: "A vote was opened" },
      { type: "vote.cast", label: "A vote was cast" },
      { type: "vote.changed", label: "A member changed their vote" },
      { type: "ballot.closed", label: "A vote closed, with its result" },
    ],
  },
  {
    label: "Discussion",
    kinds: [
      { type: "post.hidden", label: "The chair hid a post" },
      { type: "post.restored", label: "The chair put back a hidden post" },
    ],
  },
  {
    label: "Commissioner responses",
    kinds: [
      { type: "response.published", label: "A response was published" },
      { type: "response.holding_reply", label: "A holding reply explained a delay" },
      { type: "action.updated", label: "Progress on a promised action" },
      { type: "verdict.requested", label: "A member asked for a vote on a response" },
      { type: "response.judged_adequate", label: "Members judged a response adequate" },
      { type: "response.revision_requested", label: "Members asked for a revised response" },
      { type: "response.record_closed", label: "A motion's record was closed" },
    ],
  },
  {
    label: "Sittings",
    kinds: [
      { type: "sitting.scheduled", label: "A sitting was scheduled" },
      { type: "sitting.open", label: "A sitting opened" },
      { type: "sitting.suspended", label: "A sitting was suspended" },
      { type: "sitting.resumed", label: "A sitting resumed" },
      { type: "sitting.closed", label: "A sitting closed" },
      { type: "agenda.added", label: "A motion was put on an agenda" },
      { type: "agenda.removed", label: "A motion was taken off an agenda" },
      { type: "agenda.reordered", label: "An agenda was reordered" },
      { type: "agenda.item_state", label: "An agenda item moved on" },
    ],
  },
  {
    label: "Commissioning bodies",
    kinds: [
      { type: "body.created", label: "A commissioning body was added" },
      { type: "body.updated", label: "A commissioning body was changed" },
    ],
  },
  {
    label: "Membership",
    kinds: [
      { type: "user.joined", label: "Someone joined" },
      { type: "user.role_changed", label: "Someone's role changed" },
      { type: "user.suspended", label: "Someone was suspended" },
      { type: "user.reinstated", label: "Someone was reinstated" },
    ],
  },
];

export const entryTypes = new Set(entryGroups.flatMap((g) => g.kinds.map((k) => k.type)));

export const subjectTypes: { type: string; label: string }[] = [
  { type: "motion", label: "Motions" },
  { type: "ballot", label: "Ballots" },
  { type: "post", label: "Discussion posts" },
  { type: "response", label: "Commissioner responses" },
  { type: "action", label: "Promised actions" },
  { type: "sitting", label: "Sittings" },
  { type: "agenda_item", label: "Agenda items" },
  { type: "body", label: "Commissioning bodies" },
  { type: "user", label: "People" },
];

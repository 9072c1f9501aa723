// The live layer over the sitting page. The page works from its loader alone; when the socket is
// up, room messages keep a local copy of the state current. `sitting:state` is built for a
// signed-out viewer, so the viewer's own parts (their requests, their votes, what they may do)
// are kept here and laid back over each public state.
import { useFetcher, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { outcomeLabels } from "../../../server/domain/ballot-outcome";
import { sittingStatusLabels } from "../../../server/domain/sitting-rules";
import { plural } from "~/lib/format";
import { useLiveRoom } from "~/lib/live";
import type { LoaderData, loader } from "./route";

export type LiveState = LoaderData["live"];
export type Role = NonNullable<LoaderData["viewer"]>["role"] | null;
type Mine = { voted: boolean; choice: "for" | "against" | "abstain" | null };
type Source = "loader" | "snapshot" | "live";
type Counts = { for: number; against: number; abstain: number };

/** What this viewer may do, by the same rules the read model uses for the loader. */
export function abilities(role: Role, s: LiveState): LiveState["can"] {
  return {
    chair: role === "chair" && s.sitting.status !== "closed",
    speak: role === "member" && s.sitting.status === "open" && s.activeItemId !== null,
    vote: role === "member" && s.liveBallot !== null,
  };
}

interface Memory {
  requests: Set<number>;
  votes: Map<number, Mine>;
}

/** Remember the viewer's own parts from a state built for them (the loader or a snapshot). */
function remember(memory: Memory, s: LiveState) {
  for (const r of [...s.queue.waiting, ...(s.queue.current ? [s.queue.current] : [])]) if (r.mine) memory.requests.add(r.requestId);
  for (const b of [...s.items.flatMap((i) => i.ballots), ...(s.liveBallot ? [s.liveBallot] : [])]) {
    if (b.mine.voted) memory.votes.set(b.id, b.mine);
  }
}

/** Lay the viewer's own parts back over a state built for a signed-out viewer. */
function personalise(s: LiveState, memory: Memory, role: Role, candidates: LiveState["candidates"]): LiveState {
  const request = <R extends { requestId: number }>(r: R) => ({ ...r, mine: memory.requests.has(r.requestId) });
  const ballot = <B extends { id: number }>(b: B) => ({ ...b, mine: memory.votes.get(b.id) ?? { voted: false, choice: null } });
  const next: LiveState = {
    ...s,
    candidates,
    queue: { current: s.queue.current ? request(s.queue.current) : null, waiting: s.queue.waiting.map(request) },
    liveBallot: s.liveBallot ? ballot(s.liveBallot) : null,
    items: s.items.map((i) => ({ ...i, ballots: i.ballots.map(ballot) })),
  };
  return { ...next, can: abilities(role, next) };
}

const counted = (c: Counts) =>
  `${c.for} for, ${c.against} against, ${c.abstain} ${c.abstain === 1 ? "abstention" : "abstentions"}`;

/** What changed, in plain sentences for the polite live region. Tallies are announced apart. */
function describe(prev: LiveState, next: LiveState): string[] {
  const said: string[] = [];
  if (prev.sitting.status !== next.sitting.status) {
    said.push(
      prev.sitting.status === "suspended" && next.sitting.status === "open"
        ? "The sitting has resumed."
        : `The sitting is now ${sittingStatusLabels[next.sitting.status].toLowerCase()}.`,
    );
  }
  const active = next.items.find((i) => i.id === next.activeItemId);
  if (active && prev.activeItemId !== next.activeItemId) said.push(`Now debating ${active.motion.number}: ${active.motion.title}.`);
  const speaker = next.queue.current;
  if (speaker && speaker.requestId !== prev.queue.current?.requestId) {
    said.push(speaker.mine ? "You are now speaking." : `${speaker.name} is now speaking.`);
  }
  if (next.liveBallot && next.liveBallot.id !== prev.liveBallot?.id) {
    const item = next.items.find((i) => i.ballots.some((b) => b.id === next.liveBallot!.id));
    said.push(`Voting has opened on ${item?.motion.number ?? "the motion"}.`);
  }
  const wasOpen = new Set(prev.items.flatMap((i) => i.ballots).filter((b) => b.status === "open").map((b) => b.id));
  for (const b of next.items.flatMap((i) => i.ballots)) {
    if (!wasOpen.has(b.id) || b.status !== "closed" || !b.outcome) continue;
    if (b.outcome === "no_quorum") {
      said.push(`Voting has closed without quorum: ${b.turnout} of the ${b.quorum} votes needed were cast, so debate continues.`);
    } else {
      said.push(`The motion was ${outcomeLabels[b.outcome].toLowerCase()}${b.counts ? `: ${counted(b.counts)}` : ""}.`);
    }
  }
  return said;
}

const TALLY_ANNOUNCE_MS = 3000;

export function useLiveSitting(loaderState: LiveState, role: Role) {
  const [state, setState] = useState<{ data: LiveState; source: Source }>({ data: loaderState, source: "loader" });
  const memory = useRef<Memory>({ requests: new Set(), votes: new Map() });
  const [clockOffset, setClockOffset] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [everConnected, setEverConnected] = useState(false);
  // A fetcher, not a revalidation: it loads the minutes without touching scroll or focus.
  const minutesFetcher = useFetcher<typeof loader>();
  const loadMinutes = useRef(minutesFetcher.load);
  loadMinutes.current = minutesFetcher.load;

  const adopt = useCallback((data: LiveState, source: Source) => {
    setClockOffset(data.serverNow - Date.now());
    setState({ data, source });
  }, []);

  // A fresh loader (after a form post or a revalidation) is the whole truth for this viewer.
  useEffect(() => {
    remember(memory.current, loaderState);
    adopt(loaderState, "loader");
  }, [loaderState, adopt]);

  const connected = useLiveRoom(
    `sitting:${loaderState.sitting.id}`,
    {
      "sitting:state": (message: { state: LiveState | null }) => {
        if (!message.state) return;
        const data = message.state;
        setState((prev) => ({ data: personalise(data, memory.current, role, prev.data.candidates), source: "live" }));
        setClockOffset(data.serverNow - Date.now());
      },
      "sitting:presence": (message: { presence: LiveState["presence"] }) => {
        setState((prev) => ({ data: { ...prev.data, presence: message.presence }, source: "live" }));
      },
      "ballot:tally": (message: { ballotId: number; turnout: number; counts: Counts | null }) => {
        setState((prev) => {
          const patch = <B extends { id: number; turnout: number; counts: unknown }>(b: B): B =>
            b.id === message.ballotId ? { ...b, turnout: message.turnout, counts: message.counts } : b;
          const live = prev.data.liveBallot;
          if (!live || live.id !== message.ballotId) return prev;
          return {
            data: { ...prev.data, liveBallot: patch(live), items: prev.data.items.map((i) => ({ ...i, ballots: i.ballots.map(patch) })) },
            source: "live",
          };
        });
      },
    },
    (snapshot: { state: LiveState }) => {
      remember(memory.current, snapshot.state);
      adopt(snapshot.state, "snapshot");
    },
    // A closed sitting is a record: joining its room would only inflate the gallery count.
    loaderState.sitting.status !== "closed",
  );
  useEffect(() => {
    if (connected) setEverConnected(true);
  }, [connected]);

  // The viewer's own form post ends in a redirect whose notice says what they did. The room hears
  // of the change first and would announce it too, so while their own post is under way the
  // announcer stays quiet for them (other people watching still hear it), and an older
  // announcement is cleared so the notice stands alone.
  const navigation = useNavigation();
  const ownPost = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const quiet = useRef(false);
  quiet.current = ownPost;
  useEffect(() => {
    if (ownPost) setAnnouncement("");
  }, [ownPost]);

  // Announcements: said once, politely, never moving focus; tallies at most every few seconds.
  const previous = useRef<LiveState | null>(null);
  const tally = useRef<{ lastAt: number; timer: ReturnType<typeof setTimeout> | null; text: string }>({ lastAt: 0, timer: null, text: "" });
  useEffect(() => {
    const prev = previous.current;
    const next = state.data;
    previous.current = next;
    if (!prev || state.source === "loader") return;
    const said = quiet.current ? [] : describe(prev, next);
    if (said.length) setAnnouncement(said.join(" "));
    const b = next.liveBallot;
    if (tally.current.timer && b?.id !== prev.liveBallot?.id) {
      // The ballot closed: its result, not a stale running count, is the last word.
      clearTimeout(tally.current.timer);
      tally.current.timer = null;
    }
    if (b && prev.liveBallot?.id === b.id && prev.liveBallot.turnout !== b.turnout) {
      tally.current.text = b.counts ? `Votes so far: ${counted(b.counts)}.` : `${plural(b.turnout, "vote")} cast so far.`;
      const flush = () => {
        tally.current.timer = null;
        tally.current.lastAt = Date.now();
        setAnnouncement(tally.current.text);
      };
      // Several votes in a burst become one sentence; other news this moment is said first.
      if (!tally.current.timer) {
        const wait = Math.max(tally.current.lastAt + TALLY_ANNOUNCE_MS - Date.now(), said.length ? 1500 : 0);
        tally.current.timer = setTimeout(flush, wait);
      }
    }
    // The minutes are written by the server once the sitting closes: load them.
    if (prev.sitting.status !== "closed" && next.sitting.status === "closed") loadMinutes.current(`/sittings/${next.sitting.id}`);
  }, [state]);
  useEffect(() => () => clearTimeout(tally.current.timer ?? undefined), []);

  /** After a command the socket acknowledged: remember what is now the viewer's own. */
  const ownRequest = useCallback((requestId: number) => {
    memory.current.requests.add(requestId);
    setState((prev) => ({ data: personalise(prev.data, memory.current, role, prev.data.candidates), source: "live" }));
  }, [role]);
  const ownVote = useCallback((ballotId: number, mine: Mine) => {
    memory.current.votes.set(ballotId, mine);
    setState((prev) => ({ data: personalise(prev.data, memory.current, role, prev.data.candidates), source: "live" }));
  }, [role]);

  return {
    state: state.data,
    /** the server's clock minus the browser's; null until the page is running in the browser */
    clockOffset,
    connected,
    status: connected ? ("live" as const) : everConnected ? ("reconnecting" as const) : ("static" as const),
    announcement,
    /** the minutes, once a sitting closed while the page was open */
    minutes: minutesFetcher.data?.minutes ?? null,
    ownRequest,
    ownVote,
  };
}

export type LiveSitting = ReturnType<typeof useLiveSitting>;

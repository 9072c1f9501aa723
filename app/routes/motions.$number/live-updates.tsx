// The motion page, live: layered over a page that already works by reload. A room message only
// says that something changed; the page then fetches its own data again in the background and
// says what is new in a polite live region. Tallies, which can change many times a second, are
// patched in place and spoken at most every few seconds.
//
// Why a fetcher and not useRevalidator(): a revalidation is a navigation to the same address,
// and React Router restores the scroll position it saved when that navigation began, pulling
// back a reader who scrolled while it loaded. A fetcher load touches neither scroll nor focus,
// and it is cancelled and redone when the reader submits a form meanwhile.
import { useFetcher, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useLiveRoom } from "~/lib/live";
import { type Tally, describeChanges, sameTally, tallySentence, withTallies } from "./live-news";
import type { LoaderData, PageData, loader } from "./route";

/** Tally news waits at least this long after anything else was said. */
export const TALLY_QUIET_MS = 5000;

type Message = { id: number; text: string } | null;

interface View {
  /** the route's own data as last seen, and the last background fetch */
  loader: LoaderData;
  fetched: LoaderData | undefined;
  /** the newer of the two: what the page shows */
  shown: LoaderData;
  /** what the reader was shown before a background fetch changed it, until it has been described */
  before: LoaderData | null;
  /** tallies that arrived after the data shown was loaded, by ballot */
  tallies: Record<number, Tally & { seq: number }>;
}

export function useLiveMotion(
  loaderData: LoaderData,
  viewerName: string | null,
): { data: LoaderData; page: PageData; message: Message } {
  const fetcher = useFetcher<typeof loader>();
  const navigation = useNavigation();
  const location = useLocation();
  const idle = navigation.state === "idle";
  const tallySeq = useRef(0);
  /** tallies up to this one were already counted in the data being loaded */
  const loadStartSeq = useRef(0);

  const [view, setView] = useState<View>(() => ({ loader: loaderData, fetched: fetcher.data, shown: loaderData, before: null, tallies: {} }));
  const fetched = fetcher.data?.page.motion.id === loaderData.page.motion.id ? fetcher.data : undefined;
  if (loaderData !== view.loader || (fetched !== undefined && fetched !== view.fetched)) {
    // Both change together when the reader's own form reloads everything: that is not news.
    const onlyFetched = loaderData === view.loader;
    const fresh = Object.fromEntries(Object.entries(view.tallies).filter(([, t]) => t.seq > loadStartSeq.current));
    setView({
      loader: loaderData,
      fetched,
      shown: onlyFetched && fetched ? fetched : loaderData,
      before: onlyFetched && idle ? (view.before ?? view.shown) : null,
      tallies: fresh,
    });
  }
  const page = useMemo(() => withTallies(view.shown.page, view.tallies), [view.shown, view.tallies]);

  const [message, setMessage] = useState<Message>(null);
  const lastSaid = useRef(0);
  const say = (text: string) => {
    lastSaid.current = Date.now();
    setMessage((m) => ({ id: (m?.id ?? 0) + 1, text }));
  };

  useEffect(() => {
    if (!view.before) return;
    const text = describeChanges(view.before.page, view.shown.page, viewerName);
    setView((v) => ({ ...v, before: null }));
    if (text) say(text);
  }, [view.before, view.shown, viewerName]);

  const latest = useRef({ idle, href: "", page, load: fetcher.load });
  latest.current = { idle, href: `${location.pathname}${location.search}`, page, load: fetcher.load };
  /** a change arrived while the reader's own form or link was loading */
  const missed = useRef(false);
  const refresh = () => {
    if (!latest.current.idle) {
      missed.current = true;
      return;
    }
    loadStartSeq.current = tallySeq.current;
    latest.current.load(latest.current.href);
  };

  useEffect(() => {
    if (!idle) {
      loadStartSeq.current = tallySeq.current;
      return;
    }
    if (missed.current) {
      missed.current = false;
      refresh();
    }
    // refresh only reads refs
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [idle]);

  const pendingTally = useRef<Tally | null>(null);
  const tallyTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sayTallySoon = (t: Tally) => {
    pendingTally.current = t;
    if (tallyTimer.current) return;
    const fire = () => {
      const wait = lastSaid.current + TALLY_QUIET_MS - Date.now();
      if (wait > 0) {
        tallyTimer.current = setTimeout(fire, wait);
        return;
      }
      tallyTimer.current = null;
      const latestTally = pendingTally.current;
      pendingTally.current = null;
      if (latestTally) say(tallySentence(latestTally));
    };
    tallyTimer.current = setTimeout(fire, 0);
  };
  useEffect(
    () => () => {
      if (tallyTimer.current) clearTimeout(tallyTimer.current);
    },
    [],
  );

  const room = `motion:${loaderData.page.motion.id}`;
  const joined = useRef<string | null>(null);
  useLiveRoom(
    room,
    {
      "post:changed": refresh,
      "motion:changed": refresh,
      "ballot:tally": (t: Tally) => {
        const seq = ++tallySeq.current;
        const shown = latest.current.page.ballots.find((b) => b.id === t.ballotId);
        setView((v) => ({ ...v, tallies: { ...v.tallies, [t.ballotId]: { ...t, seq } } }));
        // The reader's own vote has its own notice; a closed ballot is described once reloaded.
        if (!latest.current.idle || t.status !== "open" || shown?.status !== "open" || sameTally(shown, t)) return;
        sayTallySoon(t);
      },
    },
    () => {
      // The first snapshot is the page as loaded; later ones follow a reconnection or a gap.
      if (joined.current === room) refresh();
      joined.current = room;
    },
  );

  return { data: view.shown, page, message };
}

/** Where live news is spoken: visually hidden, polite, and never takes focus. */
export function LiveRegion({ message }: { message: Message }) {
  return (
    <div role="log" aria-live="polite" className="visually-hidden">
      {message ? <p key={message.id}>{message.text}</p> : null}
    </div>
  );
}

// After the person's own action, the button they pressed may disappear (a request withdrawn, a
// secret vote cast, the sitting opened). Focus would fall to the page itself and a keyboard or
// screen-reader user would lose their place, so it goes to the heading of the section they were
// in. Only after their own submit: live updates from others never move focus.
import { type RefObject, useEffect, useRef } from "react";

const RESCUE_WITHIN_MS = 10_000;

export function useFocusAfterSubmit(container: RefObject<HTMLElement>, changed: unknown) {
  const pending = useRef<{ headingId: string | null; at: number } | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const onSubmit = (event: Event) => {
      const section = (event.target as Element).closest("section[aria-labelledby]");
      pending.current = { headingId: section?.getAttribute("aria-labelledby") ?? null, at: Date.now() };
    };
    element.addEventListener("submit", onSubmit, true);
    return () => element.removeEventListener("submit", onSubmit, true);
  }, [container]);

  useEffect(() => {
    const rescue = pending.current;
    if (!rescue || Date.now() - rescue.at > RESCUE_WITHIN_MS) return;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (!lost) return;
    pending.current = null;
    const heading = (rescue.headingId && document.getElementById(rescue.headingId)) || document.querySelector<HTMLElement>("main h1");
    if (!heading) return;
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }, [changed]);
}

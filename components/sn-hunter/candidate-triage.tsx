"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { CONSENSUS_LABELS } from "@/lib/sn-hunter/consensus";
import type { VoteKind, VoteSummary } from "@/lib/sn-hunter/get-vote-summary";
import type { setVoteAction } from "@/lib/sn-hunter/set-vote-action";
import type { submitAtReportAction } from "@/lib/tns/submit-at-report-action";

interface Props {
  oid: string;
  votes: VoteSummary;
  prevHref: string | null;
  nextHref: string | null;
  /** Null when signed out. */
  csrfToken: string | null;
  signInHref: string;
  tnsSubmitEnabled: boolean;
  /** The server actions app/sn-hunter/actions/set-vote.ts and submit-at-report.ts, passed by the page. */
  setVote: (input: unknown) => ReturnType<typeof setVoteAction>;
  submitAtReport: (input: unknown) => ReturnType<typeof submitAtReportAction>;
}

const CONSENSUS_STYLE: Record<VoteSummary["consensus"], string> = {
  ready_to_report: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  likely_bogus: "bg-rose-100 text-rose-900 dark:bg-rose-900 dark:text-rose-100",
  disputed: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  needs_votes: "bg-accent-soft text-ink",
};

/** A key press that belongs to a form field or a shortcut of the browser, not to triage. */
function isTypingOrModified(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return event.ctrlKey || event.metaKey || event.altKey || !!target?.closest("input, textarea, select, [contenteditable='true']");
}

/**
 * Votes and navigation for the selected candidate: big buttons (a sticky bar on phones), keyboard
 * triage (j/k next/previous, s possible SN, b bogus, o open in Explorer) and horizontal swipes.
 * The page keys it by candidate and server-side votes, so fresh server data resets its state.
 */
export function CandidateTriage({
  oid,
  votes: initialVotes,
  prevHref,
  nextHref,
  csrfToken,
  signInHref,
  tnsSubmitEnabled,
  setVote,
  submitAtReport,
}: Props) {
  const router = useRouter();
  const [votes, setVotes] = useState(initialVotes);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const touchStart = useRef<{ x: number; y: number } | null>(null);

  const toggle = useCallback(
    (kind: VoteKind) => {
      if (!csrfToken) {
        setMessage("Sign in to vote.");
        return;
      }
      const on = !votes.mine.includes(kind);
      startTransition(async () => {
        const result = await setVote({ csrfToken, oid, kind, on });
        if (result.ok) {
          setVotes(result.data);
          setMessage(null);
          router.refresh();
        } else {
          setMessage(result.message);
        }
      });
    },
    [csrfToken, oid, votes.mine, router, setVote],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (isTypingOrModified(event)) return;
      const key = event.key.toLowerCase();
      if (key === "j" && nextHref) router.push(nextHref, { scroll: false });
      else if (key === "k" && prevHref) router.push(prevHref, { scroll: false });
      else if (key === "s") toggle("possible_sn");
      else if (key === "b") toggle("bogus");
      else if (key === "o") router.push(`/object/${oid}`);
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [nextHref, prevHref, oid, router, toggle]);

  // Swipes on the card (the element with data-swipe-area): left = next, right = previous.
  useEffect(() => {
    const area = document.querySelector<HTMLElement>("[data-swipe-area]");
    if (!area) return;
    const start = (e: TouchEvent) => {
      const t = e.touches[0];
      touchStart.current = t ? { x: t.clientX, y: t.clientY } : null;
    };
    const end = (e: TouchEvent) => {
      const t = e.changedTouches[0];
      const s = touchStart.current;
      if (!t || !s) return;
      const dx = t.clientX - s.x;
      const dy = t.clientY - s.y;
      if (Math.abs(dx) > 80 && Math.abs(dx) > 2 * Math.abs(dy)) {
        const href = dx < 0 ? nextHref : prevHref;
        if (href) router.push(href, { scroll: false });
      }
    };
    area.addEventListener("touchstart", start, { passive: true });
    area.addEventListener("touchend", end, { passive: true });
    return () => {
      area.removeEventListener("touchstart", start);
      area.removeEventListener("touchend", end);
    };
  }, [nextHref, prevHref, router]);

  function sendToTns() {
    if (!csrfToken) return;
    startTransition(async () => {
      const result = await submitAtReport({ csrfToken, oid });
      setMessage(result.ok ? `Sent to TNS (${result.data.endpoint}): ${result.data.idCode} ${result.data.message}` : result.message);
    });
  }

  const voteButton = (kind: VoteKind, label: string, key: string, onClass: string) => {
    const mine = votes.mine.includes(kind);
    const count = kind === "possible_sn" ? votes.possibleSn : votes.bogus;
    return (
      <button
        type="button"
        onClick={() => toggle(kind)}
        disabled={pending}
        aria-pressed={mine}
        aria-keyshortcuts={key}
        className={`min-h-12 flex-1 rounded-lg border-2 px-3 py-2 text-base font-semibold transition-colors disabled:opacity-60 ${
          mine ? onClass : "border-line bg-panel text-ink hover:bg-accent-soft"
        }`}
      >
        {label} <span className="tabular-nums">({count})</span>
        <kbd className="ml-2 hidden rounded border border-current px-1 text-xs font-normal opacity-60 md:inline">{key}</kbd>
      </button>
    );
  };

  const navLink = (href: string | null, label: string, key: string, rel: "prev" | "next") =>
    href ? (
      <Link
        href={href}
        scroll={false}
        rel={rel}
        aria-keyshortcuts={key}
        className="flex min-h-12 min-w-12 items-center justify-center rounded-lg border-2 border-line bg-panel px-3 text-lg hover:bg-accent-soft"
        aria-label={rel === "prev" ? "Previous candidate" : "Next candidate"}
      >
        {label}
      </Link>
    ) : (
      <span
        className="flex min-h-12 min-w-12 items-center justify-center rounded-lg border-2 border-line px-3 text-lg text-muted opacity-40"
        aria-hidden
      >
        {label}
      </span>
    );

  return (
    <div className="space-y-2" data-testid="triage">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span
          className={`rounded-full px-3 py-1 font-semibold ${CONSENSUS_STYLE[votes.consensus]}`}
          data-testid="consensus"
          data-consensus={votes.consensus}
        >
          {CONSENSUS_LABELS[votes.consensus]}
        </span>
        <span className="text-muted" data-testid="vote-counts">
          {votes.possibleSn} possible SN · {votes.bogus} bogus
        </span>
        {votes.consensus === "ready_to_report" && (
          <>
            <a
              href={`/sn-hunter/report/${oid}`}
              download
              className="rounded border border-line px-2 py-1 text-accent underline-offset-2 hover:underline"
              data-testid="tns-download"
            >
              TNS AT report (JSON)
            </a>
            {tnsSubmitEnabled && csrfToken && (
              <button
                type="button"
                onClick={sendToTns}
                disabled={pending}
                className="rounded border border-line px-2 py-1 hover:bg-accent-soft"
              >
                Send to TNS
              </button>
            )}
          </>
        )}
      </div>
      {/* On a phone the bar sticks to the bottom of the screen, within thumb reach. */}
      <div className="fixed inset-x-0 bottom-0 z-20 flex gap-2 border-t border-line bg-panel p-2 shadow-lg md:static md:border-0 md:bg-transparent md:p-0 md:shadow-none">
        {navLink(prevHref, "‹", "k", "prev")}
        {/* White on emerald-700 is 5.5:1 and on rose-700 6.3:1 (on emerald-600 it was 3.65:1, under WCAG's 4.5:1). */}
        {voteButton("possible_sn", "Possible SN", "s", "border-emerald-700 bg-emerald-700 text-white")}
        {voteButton("bogus", "Bogus", "b", "border-rose-700 bg-rose-700 text-white")}
        {navLink(nextHref, "›", "j", "next")}
      </div>
      {message && (
        <p role="alert" data-testid="triage-message" className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg">
          {message}
          {!csrfToken && (
            <>
              {" "}
              <Link href={signInHref} className="underline">
                Sign in
              </Link>
            </>
          )}
        </p>
      )}
      <p className="hidden text-xs text-muted md:block">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>s</kbd> possible SN · <kbd>b</kbd> bogus · <kbd>o</kbd> open in Explorer. A
        second press withdraws your vote.
      </p>
    </div>
  );
}

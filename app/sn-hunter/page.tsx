import type { Metadata } from "next";
import Link from "next/link";
import { signOut } from "@/app/(auth)/actions/sign-out";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { SkyMap } from "@/components/sky/sky-map";
import { CandidateCard } from "@/components/sn-hunter/candidate-card";
import { CandidateList } from "@/components/sn-hunter/candidate-list";
import { CandidateTriage } from "@/components/sn-hunter/candidate-triage";
import { CollapsibleOnPhone } from "@/components/sn-hunter/collapsible-on-phone";
import { QueueControls } from "@/components/sn-hunter/queue-controls";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { AWAITING_APPROVAL_MESSAGE } from "@/lib/auth/roles";
import { getCandidateCard } from "@/lib/sn-hunter/get-candidate-card";
import { listSnCandidates, type SnQueue } from "@/lib/sn-hunter/list-sn-candidates";
import { parseQueueParams, queueQuery } from "@/lib/sn-hunter/queue-params";
import { setVote } from "@/app/sn-hunter/actions/set-vote";
import { submitAtReport } from "@/app/sn-hunter/actions/submit-at-report";
import { getDb } from "@/lib/server/db";
import { getEnv } from "@/lib/server/env";
import { dateToMjd, formatMjdUtc, mjdToDate } from "@/lib/time/mjd";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "SN Hunter" };

/** "2018-11-29T06:04:07", rounded up to the second so a window ending there still holds that instant. */
function endParam(mjd: number): string {
  return new Date(Math.ceil(mjdToDate(mjd).getTime() / 1000) * 1000).toISOString().slice(0, 19);
}

function WindowNote({ queue, hours }: { queue: SnQueue; hours: number }) {
  const span = `${hours % 24 === 0 ? `${hours / 24} day${hours === 24 ? "" : "s"}` : `${hours} h`}`;
  return (
    <p className="text-xs text-muted md:text-sm" data-testid="window-note" data-anchor={queue.anchor}>
      {queue.candidates.length} candidate{queue.candidates.length === 1 ? "" : "s"} first detected in the {span} ending{" "}
      <span className="font-mono text-ink">{formatMjdUtc(queue.windowEndMjd)}</span>
      {queue.anchor === "newest_alert" && " (the newest alert in the database)"}
      {queue.anchor === "newest_candidate" && queue.newestAlertMjd !== null && (
        <>
          {" "}
          (the newest SN candidate&apos;s first detection: none was first detected in the {span} before the newest alert,{" "}
          {formatMjdUtc(queue.newestAlertMjd)})
        </>
      )}
      .
    </p>
  );
}

export default async function SnHunterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { params, ignored } = parseQueueParams(await searchParams);
  const [user, db] = [await getCurrentUser(), getDb()];
  const queue = await listSnCandidates(db.readPool, {
    windowHours: params.windowHours,
    limit: params.limit,
    sort: params.sort,
    endMjd: params.end ? dateToMjd(new Date(`${params.end}Z`)) : undefined,
    userId: user?.id,
    hideReviewed: params.hideReviewed,
    hideFlagged: params.hideFlagged,
  });
  const oids = queue.candidates.map((c) => c.oid);
  const selectedOid = params.oid ?? oids[0];
  const index = selectedOid ? oids.indexOf(selectedOid) : -1;
  const card = selectedOid ? await getCandidateCard(db.readPool, selectedOid, user?.id) : null;
  const hrefFor = (oid: string) => `/sn-hunter${queueQuery(params, { oid })}`;
  const prevOid = index > 0 ? oids[index - 1] : undefined;
  const nextOid = index < oids.length - 1 ? oids[index + 1] : undefined;
  const here = `/sn-hunter${queueQuery(params)}`;
  const signInHref = `/sign-in?next=${encodeURIComponent(here)}`;

  return (
    <div className="space-y-4 pb-24 md:pb-0">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold md:text-2xl">SN Hunter</h1>
          <p className="hidden text-sm text-muted md:block">
            New objects the stamp classifier ranks SN first. Review them; “possible SN” votes from two approved reviewers and no “bogus”
            make a TNS report.
          </p>
        </div>
        <div className="flex items-center gap-3 text-sm" data-testid="account">
          {user ? (
            <>
              <span>
                Signed in as <strong>{user.displayName}</strong>
              </span>
              {user.role === "admin" && (
                <Link href="/sn-hunter/admin" className="text-accent underline-offset-2 hover:underline">
                  Admin
                </Link>
              )}
              <Link href="/account" className="text-accent underline-offset-2 hover:underline">
                Account
              </Link>
              <SignOutButton csrfToken={user.csrfToken} signOut={signOut} />
            </>
          ) : (
            <>
              <Link href={signInHref} className="rounded border border-line px-3 py-1.5 hover:bg-accent-soft">
                Sign in
              </Link>
              <Link href={`/sign-up?next=${encodeURIComponent(here)}`} className="rounded bg-accent px-3 py-1.5 font-semibold text-panel">
                Create account
              </Link>
            </>
          )}
        </div>
      </div>
      {user && !user.approved && (
        <p role="status" className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg" data-testid="awaiting-approval">
          {AWAITING_APPROVAL_MESSAGE}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <CollapsibleOnPhone id="queue-options" label="Queue options">
          <QueueControls params={params} />
        </CollapsibleOnPhone>
        <WindowNote queue={queue} hours={params.windowHours} />
        {queue.uncertaintyModel && (
          <p className="text-xs text-muted md:text-sm" data-testid="uncertainty-note">
            Ordered by how unsure{" "}
            {queue.uncertaintyModel.servedBy === "stamp_classifier" ? "the stamp classifier" : queue.uncertaintyModel.servedBy} is between
            SN and bogus (nearest 50 % first)
            {queue.uncertaintyModel.trainVotes !== null
              ? `: a model learned from ${queue.uncertaintyModel.trainVotes} reviewer votes.`
              : ": no model learned from votes is promoted yet (npm run train:from-votes)."}
          </p>
        )}
        {queue.earlierCandidateMjd !== null && (
          <Link
            href={`/sn-hunter${queueQuery(params, { end: endParam(queue.earlierCandidateMjd), oid: undefined })}`}
            className="text-sm text-accent underline-offset-2 hover:underline"
          >
            ← Earlier candidates
          </Link>
        )}
        {queue.hiddenFlagged > 0 && (
          <p className="text-xs text-muted md:text-sm" data-testid="hidden-flagged">
            {queue.hiddenFlagged} flagged candidate{queue.hiddenFlagged === 1 ? "" : "s"} hidden.
          </p>
        )}
      </div>
      {ignored.length > 0 && (
        <p role="status" className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg" data-testid="ignored-params">
          Ignored in the address, defaults used instead — {ignored.join("; ")}.
        </p>
      )}
      {params.oid && card === null && (
        <p role="alert" className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg">
          Unknown object {params.oid}.
        </p>
      )}
      <div className="grid grid-cols-1 gap-6 md:grid-cols-[18rem_minmax(0,1fr)]">
        <div className="order-2 space-y-3 md:order-1">
          {queue.candidates.length === 0 ? (
            <p className="rounded border border-dashed border-line p-4 text-sm text-muted">No SN candidates in this window.</p>
          ) : (
            <>
              <CandidateList candidates={queue.candidates} selectedOid={selectedOid} hrefFor={hrefFor} />
              <SkyMap
                points={queue.candidates.map((c) => ({ oid: c.oid, raDeg: c.raDeg, decDeg: c.decDeg }))}
                label={`Sky positions of ${queue.candidates.length} SN candidates`}
              />
            </>
          )}
        </div>
        <div className="order-1 min-w-0 md:order-2">
          {card && (
            <CandidateCard
              card={card}
              triage={
                <CandidateTriage
                  key={`${card.oid}:${card.votes.possibleSn}:${card.votes.bogus}:${card.votes.mine.join()}`}
                  oid={card.oid}
                  votes={card.votes}
                  prevHref={prevOid ? hrefFor(prevOid) : null}
                  nextHref={nextOid ? hrefFor(nextOid) : null}
                  csrfToken={user?.csrfToken ?? null}
                  signInHref={signInHref}
                  tnsSubmitEnabled={getEnv().CIELO_TNS_SUBMIT && user?.role === "admin"}
                  setVote={setVote}
                  submitAtReport={submitAtReport}
                />
              }
            />
          )}
        </div>
      </div>
    </div>
  );
}

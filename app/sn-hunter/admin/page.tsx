import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { AdminActionButton } from "@/components/admin/admin-action-button";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { listAccounts } from "@/lib/reviewers/list-accounts";
import { getDb } from "@/lib/server/db";
import { createReviewerInvitation } from "../actions/create-reviewer-invitation";
import { setReviewerApproval } from "../actions/set-reviewer-approval";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "SN Hunter admin" };

const time = (d: Date) => d.toISOString().replace("T", " ").slice(0, 19);

/** Admins only: approve reviewers, create invitation links, read the audit log. */
export default async function AdminPage() {
  const user = await getCurrentUser();
  if (!user || user.role !== "admin") {
    return (
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold">SN Hunter admin</h1>
        <p role="alert" className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg" data-testid="admin-refused">
          {user ? "Only an admin can see this page." : "Sign in as an admin to see this page."}{" "}
          <Link href="/sn-hunter" className="underline">
            Back to SN Hunter
          </Link>
        </p>
      </section>
    );
  }
  const db = getDb();
  const [accounts, events] = await Promise.all([listAccounts(db.pool), listAuditEvents(db.pool, 200)]);
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">SN Hunter admin</h1>
        <p className="text-sm text-muted">
          Approved reviewers vote; votes of two approved reviewers make a candidate ready; admins send reports to TNS.
        </p>
      </div>
      <section aria-labelledby="invite-heading" className="space-y-2">
        <h2 id="invite-heading" className="text-lg font-semibold">
          Invite a reviewer
        </h2>
        <p className="text-sm text-muted">A link that creates an approved account, once, within 7 days. Send it privately.</p>
        <AdminActionButton
          label="Create invitation link"
          action={createReviewerInvitation}
          input={{}}
          csrfToken={user.csrfToken}
          showsInvitationFrom={origin}
        />
      </section>
      <section aria-labelledby="accounts-heading" className="space-y-2">
        <h2 id="accounts-heading" className="text-lg font-semibold">
          Accounts
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="accounts">
            <thead className="text-muted">
              <tr>
                <th className="py-1 pr-3">Name</th>
                <th className="py-1 pr-3">Email</th>
                <th className="py-1 pr-3">Role</th>
                <th className="py-1 pr-3">Created</th>
                <th className="py-1 pr-3">Votes</th>
                <th className="py-1 pr-3">Status</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id} className="border-t border-line" data-email={a.email}>
                  <td className="py-1 pr-3">{a.displayName}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{a.email}</td>
                  <td className="py-1 pr-3">{a.role}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{time(a.createdAt)}</td>
                  <td className="py-1 pr-3 tabular-nums">{a.votes}</td>
                  <td className="py-1 pr-3">
                    {a.role === "admin" ? (
                      "admin"
                    ) : a.approvedAt ? (
                      <span className="inline-flex items-center gap-2">
                        approved {time(a.approvedAt)}
                        <AdminActionButton
                          label="Withdraw approval"
                          action={setReviewerApproval}
                          input={{ userId: a.id, approved: false }}
                          csrfToken={user.csrfToken}
                        />
                      </span>
                    ) : (
                      <AdminActionButton
                        label={`Approve ${a.displayName}`}
                        action={setReviewerApproval}
                        input={{ userId: a.id, approved: true }}
                        csrfToken={user.csrfToken}
                        className="rounded bg-accent px-2 py-1 text-sm font-semibold text-panel disabled:opacity-60"
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="audit-heading" className="space-y-2">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Audit log (newest 200)
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="audit-log">
            <thead className="text-muted">
              <tr>
                <th className="py-1 pr-3">Time (UTC)</th>
                <th className="py-1 pr-3">Who</th>
                <th className="py-1 pr-3">Action</th>
                <th className="py-1 pr-3">On</th>
                <th className="py-1 pr-3">Details</th>
                <th className="py-1 pr-3">Request id</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-t border-line" data-action={e.action}>
                  <td className="py-1 pr-3 font-mono text-xs">{time(e.at)}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{e.actorEmail ?? "—"}</td>
                  <td className="py-1 pr-3">{e.action}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{e.target ?? ""}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{e.details ? JSON.stringify(e.details) : ""}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{e.requestId ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

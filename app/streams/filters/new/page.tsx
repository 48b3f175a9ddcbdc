import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { saveFilter } from "@/app/streams/actions/save-filter";
import { FilterForm } from "@/components/streams/filter-form";
import { getCurrentUser } from "@/lib/auth/get-current-user";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New filter" };

export default async function NewFilterPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?next=%2Fstreams%2Ffilters%2Fnew");
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-semibold">New filter</h1>
      <p className="text-sm text-muted">
        Every condition you fill in must hold. Alert conditions are checked on each alert as it is ingested, with what Cielo knew of its
        object at that moment; the object terms are the Explorer&apos;s search.
      </p>
      <FilterForm action={saveFilter} csrfToken={user.csrfToken} />
    </main>
  );
}

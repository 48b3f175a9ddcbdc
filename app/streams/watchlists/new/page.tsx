import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { createWatchlist } from "@/app/streams/actions/create-watchlist";
import { WatchlistForm } from "@/components/streams/watchlist-form";
import { getCurrentUser } from "@/lib/auth/get-current-user";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New watchlist" };

export default async function NewWatchlistPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?next=%2Fstreams%2Fwatchlists%2Fnew");
  return (
    <main className="mx-auto max-w-3xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-semibold">New watchlist</h1>
      <WatchlistForm action={createWatchlist} csrfToken={user.csrfToken} />
    </main>
  );
}

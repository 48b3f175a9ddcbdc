import Link from "next/link";

export default function ObjectNotFound() {
  return (
    <div className="rounded border border-line bg-panel p-6">
      <h1 className="mb-2 text-xl font-semibold">Object not found</h1>
      <p className="text-muted">
        No object with this id is in the database. ZTF ids look like <code className="font-mono">ZTF18abcdefg</code>.
      </p>
      <Link href="/" className="mt-4 inline-block text-accent underline">
        Back to the search
      </Link>
    </div>
  );
}

import Link from "next/link";

export default function ObjectNotFound() {
  return (
    <div className="rounded border border-slate-200 bg-white p-6">
      <h1 className="mb-2 text-xl font-semibold">Object not found</h1>
      <p className="text-slate-600">
        No object with this id is in the database. ZTF ids look like <code className="font-mono">ZTF18abcdefg</code>.
      </p>
      <Link href="/" className="mt-4 inline-block text-indigo-700 underline">
        Back to the object list
      </Link>
    </div>
  );
}

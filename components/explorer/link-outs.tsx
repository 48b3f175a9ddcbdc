import { buildLinkOuts } from "@/lib/explorer/link-outs";

/** Links to other archives around the object's position (open in a new tab). */
export function LinkOuts({ raDeg, decDeg }: { raDeg: number; decDeg: number }) {
  return (
    <ul className="flex flex-wrap gap-2 text-sm" aria-label="Other archives" data-testid="link-outs">
      {buildLinkOuts(raDeg, decDeg).map((link) => (
        <li key={link.name}>
          <a
            href={link.url}
            target="_blank"
            rel="noopener noreferrer"
            title={link.description}
            className="inline-block rounded border border-line px-2 py-0.5 text-accent hover:bg-accent-soft"
          >
            {link.name}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

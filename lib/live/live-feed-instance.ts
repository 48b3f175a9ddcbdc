import { getDb } from "../server/db";
import { createLogger } from "../server/logger";
import { LiveFeed } from "./live-feed";

let feed: LiveFeed | undefined;

/** The process's one live feed (on the read pool), made on first use. */
export function getLiveFeed(): LiveFeed {
  feed ??= new LiveFeed(getDb().readPool, createLogger("live"));
  return feed;
}

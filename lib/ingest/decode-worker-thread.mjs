// Entry of the decode worker thread: registers tsx's loader in this thread, then loads the
// TypeScript module (loader hooks of the parent thread do not reach worker threads on Node 20).
import { register } from "tsx/esm/api";

register();
await import("./decode-worker-thread.ts");

// avsc is CommonJS and Node's ESM loader cannot see its named exports (they are assigned as an
// object literal), so `import { Type } from "avsc"` fails at runtime outside a bundler. Under Node
// ESM the namespace only carries `default`; under bundlers it carries the named exports.
import * as avscNamespace from "avsc";

type Avsc = typeof avscNamespace;

export const avsc: Avsc = (avscNamespace as Avsc & { default?: Avsc }).default ?? avscNamespace;
export type AvroType = avscNamespace.Type;

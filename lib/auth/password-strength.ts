import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

/** zxcvbn's score 3: "safely unguessable: moderate protection from offline slow-hash attacks". */
const MIN_SCORE = 3;

let checker: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  // The dictionaries (common passwords, names, words) are large: built on the first check.
  checker ??= new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
  return checker;
}

/** Why a password is too easy to guess, or null when it is fine (checks the first 100 characters). */
export function passwordWeakness(password: string): string | null {
  const result: ZxcvbnResult = zxcvbn().check(password.slice(0, 100));
  if (result.score >= MIN_SCORE) return null;
  const hint = result.feedback.warning ? ` (${warningText(result.feedback.warning)})` : "";
  return `too easy to guess${hint}: use a few unrelated words`;
}

function warningText(code: string): string {
  const texts: Record<string, string> = {
    common: "a common password",
    similarToCommon: "close to a common password",
    simpleRepeat: "a repeated character",
    extendedRepeat: "a repeated pattern",
    sequences: "a sequence like abc or 123",
    straightRow: "a row of keys",
    keyPattern: "a keyboard pattern",
    dates: "a date",
    recentYears: "a recent year",
    namesByThemselves: "a name",
    commonNames: "a common name",
    userInputs: "personal data",
    wordByItself: "a single word",
  };
  return texts[code] ?? "a predictable pattern";
}

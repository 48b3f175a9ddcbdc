import { AppError } from "../errors/app-error";
import type { Sql } from "../db/sql";
import { CONSENSUS_LABELS } from "../sn-hunter/consensus";
import { getVoteSummary } from "../sn-hunter/get-vote-summary";
import { getEnv } from "../server/env";
import { type AtReport, buildAtReport } from "./build-at-report";
import { getAtReportData } from "./get-at-report-data";

/** The AT report of a candidate the reviewers agreed on; refused for unknown or not-ready objects. */
export async function getReadyAtReport(sql: Sql, oid: string): Promise<AtReport> {
  const [data, votes] = await Promise.all([getAtReportData(sql, oid), getVoteSummary(sql, oid)]);
  if (!data) throw new AppError("not_found", `Unknown object ${oid}.`);
  if (votes.consensus !== "ready_to_report") {
    throw new AppError(
      "conflict",
      `${oid} is not ready to report (${CONSENSUS_LABELS[votes.consensus]}: ${votes.possibleSn} possible SN, ${votes.bogus} bogus).`,
    );
  }
  const env = getEnv();
  return buildAtReport(data, {
    reportingGroupId: env.CIELO_TNS_REPORTING_GROUP_ID,
    reporter: env.CIELO_TNS_REPORTER,
    reviewNote: `${votes.possibleSn} SN Hunter reviewers voted possible SN, none bogus.`,
  });
}

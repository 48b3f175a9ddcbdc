-- CreateTable
CREATE TABLE "stream_filter" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "owner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "public" BOOLEAN NOT NULL DEFAULT false,
    "definition" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stream_filter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "filter_match" (
    "filter_id" UUID NOT NULL,
    "candid" BIGINT NOT NULL,
    "oid" TEXT NOT NULL,
    "mjd" DOUBLE PRECISION NOT NULL,
    "source" TEXT NOT NULL,
    "matched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "filter_match_pkey" PRIMARY KEY ("filter_id","candid")
);

-- CreateTable
CREATE TABLE "filter_replay" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "filter_id" UUID NOT NULL,
    "from_mjd" DOUBLE PRECISION NOT NULL,
    "to_mjd" DOUBLE PRECISION NOT NULL,
    "status" TEXT NOT NULL,
    "alerts_total" INTEGER NOT NULL DEFAULT 0,
    "alerts_done" INTEGER NOT NULL DEFAULT 0,
    "matches" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "filter_replay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watchlist" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "owner_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "max_radius_arcsec" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watchlist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watchlist_target" (
    "watchlist_id" UUID NOT NULL,
    "target_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "ra" DOUBLE PRECISION NOT NULL,
    "dec" DOUBLE PRECISION NOT NULL,
    "radius_arcsec" DOUBLE PRECISION NOT NULL,
    "zone" INTEGER NOT NULL,

    CONSTRAINT "watchlist_target_pkey" PRIMARY KEY ("watchlist_id","target_id")
);

-- CreateTable
CREATE TABLE "watchlist_match" (
    "watchlist_id" UUID NOT NULL,
    "target_id" INTEGER NOT NULL,
    "candid" BIGINT NOT NULL,
    "oid" TEXT NOT NULL,
    "mjd" DOUBLE PRECISION NOT NULL,
    "separation_arcsec" DOUBLE PRECISION NOT NULL,
    "matched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watchlist_match_pkey" PRIMARY KEY ("watchlist_id","target_id","candid")
);

-- CreateIndex
CREATE INDEX "stream_filter_owner_id_idx" ON "stream_filter"("owner_id");

-- CreateIndex
CREATE INDEX "filter_match_filter_id_mjd_idx" ON "filter_match"("filter_id", "mjd");

-- CreateIndex
CREATE INDEX "filter_match_matched_at_idx" ON "filter_match"("matched_at");

-- CreateIndex
CREATE INDEX "filter_replay_filter_id_started_at_idx" ON "filter_replay"("filter_id", "started_at");

-- CreateIndex
CREATE INDEX "watchlist_owner_id_idx" ON "watchlist"("owner_id");

-- CreateIndex
CREATE INDEX "watchlist_target_zone_ra_idx" ON "watchlist_target"("zone", "ra");

-- CreateIndex
CREATE INDEX "watchlist_match_watchlist_id_mjd_idx" ON "watchlist_match"("watchlist_id", "mjd");

-- AddForeignKey
ALTER TABLE "stream_filter" ADD CONSTRAINT "stream_filter_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filter_match" ADD CONSTRAINT "filter_match_filter_id_fkey" FOREIGN KEY ("filter_id") REFERENCES "stream_filter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filter_replay" ADD CONSTRAINT "filter_replay_filter_id_fkey" FOREIGN KEY ("filter_id") REFERENCES "stream_filter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watchlist" ADD CONSTRAINT "watchlist_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watchlist_target" ADD CONSTRAINT "watchlist_target_watchlist_id_fkey" FOREIGN KEY ("watchlist_id") REFERENCES "watchlist"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watchlist_match" ADD CONSTRAINT "watchlist_match_watchlist_id_fkey" FOREIGN KEY ("watchlist_id") REFERENCES "watchlist"("id") ON DELETE CASCADE ON UPDATE CASCADE;

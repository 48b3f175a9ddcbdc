-- CreateTable
CREATE TABLE "stream_destination" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "owner_id" UUID NOT NULL,
    "filter_id" UUID,
    "watchlist_id" UUID,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "secret" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stream_destination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery" (
    "destination_id" UUID NOT NULL,
    "candid" BIGINT NOT NULL,
    "oid" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "delivery_pkey" PRIMARY KEY ("destination_id","candid")
);

-- CreateIndex
CREATE INDEX "stream_destination_filter_id_idx" ON "stream_destination"("filter_id");

-- CreateIndex
CREATE INDEX "stream_destination_watchlist_id_idx" ON "stream_destination"("watchlist_id");

-- CreateIndex
CREATE INDEX "delivery_status_next_attempt_at_idx" ON "delivery"("status", "next_attempt_at");

-- AddForeignKey
ALTER TABLE "stream_destination" ADD CONSTRAINT "stream_destination_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "stream_destination"("id") ON DELETE CASCADE ON UPDATE CASCADE;

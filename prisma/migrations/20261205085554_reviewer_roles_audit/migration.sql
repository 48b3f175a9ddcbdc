-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('reviewer', 'admin');

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "approved_at" TIMESTAMPTZ(3),
ADD COLUMN     "role" "UserRole" NOT NULL DEFAULT 'reviewer';

-- CreateTable
CREATE TABLE "reviewer_invitation" (
    "token_hash" TEXT NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_by" UUID,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "reviewer_invitation_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" JSONB,
    "request_id" TEXT,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_counter" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_counter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE INDEX "audit_event_actor_id_at_idx" ON "audit_event"("actor_id", "at");

-- CreateIndex
CREATE INDEX "rate_limit_counter_window_start_idx" ON "rate_limit_counter"("window_start");

-- AddForeignKey
ALTER TABLE "reviewer_invitation" ADD CONSTRAINT "reviewer_invitation_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing accounts (hand-written): sign-up was open, so none is approved except the oldest, which
-- becomes the admin (the rule for new installations: the first account is the admin). The admin
-- approves the others on /sn-hunter/admin.
UPDATE "app_user" SET "role" = 'admin', "approved_at" = CURRENT_TIMESTAMP
WHERE "id" = (SELECT "id" FROM "app_user" ORDER BY "created_at", "id" LIMIT 1);

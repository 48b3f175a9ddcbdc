-- CreateEnum
CREATE TYPE "VoteKind" AS ENUM ('possible_sn', 'bogus');

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_session" (
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_session_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "candidate_vote" (
    "user_id" UUID NOT NULL,
    "oid" TEXT NOT NULL,
    "kind" "VoteKind" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "candidate_vote_pkey" PRIMARY KEY ("user_id","oid","kind")
);

-- CreateTable
CREATE TABLE "auth_attempt" (
    "id" BIGSERIAL NOT NULL,
    "ip" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auth_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "user_session_user_id_idx" ON "user_session"("user_id");

-- CreateIndex
CREATE INDEX "user_session_expires_at_idx" ON "user_session"("expires_at");

-- CreateIndex
CREATE INDEX "candidate_vote_oid_idx" ON "candidate_vote"("oid");

-- CreateIndex
CREATE INDEX "auth_attempt_ip_email_attempted_at_idx" ON "auth_attempt"("ip", "email", "attempted_at");

-- CreateIndex
CREATE INDEX "auth_attempt_ip_attempted_at_idx" ON "auth_attempt"("ip", "attempted_at");

-- CreateIndex
CREATE INDEX "auth_attempt_attempted_at_idx" ON "auth_attempt"("attempted_at");

-- AddForeignKey
ALTER TABLE "user_session" ADD CONSTRAINT "user_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_vote" ADD CONSTRAINT "candidate_vote_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_vote" ADD CONSTRAINT "candidate_vote_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

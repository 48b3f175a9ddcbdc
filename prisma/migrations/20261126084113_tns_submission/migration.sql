-- CreateTable
CREATE TABLE "tns_submission" (
    "oid" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reply" JSONB NOT NULL,

    CONSTRAINT "tns_submission_pkey" PRIMARY KEY ("oid","endpoint")
);

-- AddForeignKey
ALTER TABLE "tns_submission" ADD CONSTRAINT "tns_submission_oid_fkey" FOREIGN KEY ("oid") REFERENCES "object"("oid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tns_submission" ADD CONSTRAINT "tns_submission_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

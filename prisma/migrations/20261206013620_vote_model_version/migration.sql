-- CreateTable
CREATE TABLE "vote_model_version" (
    "version" SERIAL NOT NULL,
    "trained_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "train_votes" INTEGER NOT NULL,
    "holdout_votes" INTEGER NOT NULL,
    "train_objects" INTEGER NOT NULL,
    "holdout_objects" INTEGER NOT NULL,
    "compared_with" TEXT NOT NULL,
    "evaluation" JSONB NOT NULL,
    "promoted" BOOLEAN NOT NULL,
    "model" JSONB NOT NULL,
    "card" TEXT NOT NULL,

    CONSTRAINT "vote_model_version_pkey" PRIMARY KEY ("version")
);

-- CreateIndex
CREATE INDEX "vote_model_version_promoted_version_idx" ON "vote_model_version"("promoted", "version");

-- CreateIndex
CREATE INDEX "auth_attempt_email_attempted_at_idx" ON "auth_attempt"("email", "attempted_at");

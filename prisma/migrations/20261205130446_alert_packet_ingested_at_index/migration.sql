-- CreateIndex
CREATE INDEX "alert_packet_ingested_at_idx" ON "alert_packet"("ingested_at");

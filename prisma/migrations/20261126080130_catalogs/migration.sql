-- AlterTable
ALTER TABLE "xmatch" ADD COLUMN     "magnitudes" JSONB;

-- CreateTable
CREATE TABLE "catalog" (
    "name" TEXT NOT NULL,
    "table_name" TEXT NOT NULL,
    "rows" BIGINT NOT NULL,
    "bad_rows" BIGINT NOT NULL DEFAULT 0,
    "columns" JSONB NOT NULL,
    "has_class" BOOLEAN NOT NULL DEFAULT false,
    "has_period" BOOLEAN NOT NULL DEFAULT false,
    "default_radius_arcsec" DOUBLE PRECISION NOT NULL DEFAULT 2,
    "zone_height_deg" DOUBLE PRECISION NOT NULL,
    "source_file" TEXT NOT NULL,
    "source_sha256" TEXT,
    "description" TEXT,
    "loaded_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalog_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "catalog_table_name_key" ON "catalog"("table_name");

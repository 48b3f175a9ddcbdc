-- Cutouts are gzipped FITS already: store them out of line without PostgreSQL's own compression
-- (pglz would spend CPU on every 12 KB stamp and gain nothing). Not expressible in schema.prisma.
ALTER TABLE "cutout" ALTER COLUMN "stamp_data" SET STORAGE EXTERNAL;

-- Name search for village operators: trigram GIN index for case-insensitive partial matches.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "person_full_name_trgm_idx" ON "person" USING GIN ("full_name" gin_trgm_ops);

-- CreateTable
CREATE TABLE "access" (
    "id" BIGSERIAL NOT NULL,
    "accessed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "caller_role" TEXT NOT NULL,
    "caller_subject" TEXT,
    "caller_region" TEXT,
    "purpose" TEXT,
    "operation" TEXT NOT NULL,
    "niks" TEXT[],

    CONSTRAINT "access_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "access_accessed_at_idx" ON "access"("accessed_at");

-- CreateIndex
CREATE INDEX "access_caller_subject_accessed_at_idx" ON "access"("caller_subject", "accessed_at");

-- CreateIndex
CREATE INDEX "access_niks_idx" ON "access" USING GIN ("niks");

-- The access log is a record like the decision log: once written, never changed or removed.
CREATE TRIGGER "access_append_only" BEFORE UPDATE OR DELETE ON "access" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();

-- AlterTable
ALTER TABLE "dtks_member" ADD COLUMN     "curated_at" TIMESTAMPTZ(3),
ALTER COLUMN "decile" DROP NOT NULL;

-- CreateTable
CREATE TABLE "dtks_member_version" (
    "id" BIGSERIAL NOT NULL,
    "nik" VARCHAR(16) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_role" TEXT NOT NULL,
    "actor_subject" TEXT,
    "actor_region" TEXT,
    "change" TEXT NOT NULL,
    "reason" TEXT,
    "note" TEXT,
    "reference" TEXT,
    "before" JSONB,
    "after" JSONB NOT NULL,

    CONSTRAINT "dtks_member_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dtks_request" (
    "request_id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "nik" VARCHAR(16) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dtks_request_pkey" PRIMARY KEY ("request_id")
);

-- CreateIndex
CREATE INDEX "dtks_member_version_nik_id_idx" ON "dtks_member_version"("nik", "id");

-- A record's history and the requests answered are records: once written, never changed or removed.
CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: rows are never changed or removed', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER "dtks_member_version_append_only" BEFORE UPDATE OR DELETE ON "dtks_member_version" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "dtks_request_append_only" BEFORE UPDATE OR DELETE ON "dtks_request" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();

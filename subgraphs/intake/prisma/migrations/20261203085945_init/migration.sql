-- CreateTable
CREATE TABLE "intake_case" (
    "id" BIGSERIAL NOT NULL,
    "receipt" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "nik" VARCHAR(16) NOT NULL,
    "program" TEXT,
    "village_code" VARCHAR(13),
    "reporter_nik" VARCHAR(16),
    "category" TEXT,
    "statement" TEXT,
    "detail" JSONB,
    "filed_by_role" TEXT NOT NULL,
    "filed_by_subject" TEXT,
    "filed_by_region" TEXT,
    "filed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    "due_on" DATE,

    CONSTRAINT "intake_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_event" (
    "id" BIGSERIAL NOT NULL,
    "case_id" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_role" TEXT NOT NULL,
    "actor_subject" TEXT,
    "actor_region" TEXT,
    "on_behalf_of" VARCHAR(16),
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "case_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "open_application" (
    "nik" VARCHAR(16) NOT NULL,
    "program" TEXT NOT NULL,
    "case_id" BIGINT NOT NULL,

    CONSTRAINT "open_application_pkey" PRIMARY KEY ("nik","program")
);

-- CreateTable
CREATE TABLE "intake_request" (
    "request_id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "case_id" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "intake_request_pkey" PRIMARY KEY ("request_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "intake_case_receipt_key" ON "intake_case"("receipt");

-- CreateIndex
CREATE INDEX "intake_case_kind_status_village_code_idx" ON "intake_case"("kind", "status", "village_code");

-- CreateIndex
CREATE INDEX "intake_case_nik_kind_idx" ON "intake_case"("nik", "kind");

-- CreateIndex
CREATE INDEX "intake_case_filed_by_subject_filed_at_idx" ON "intake_case"("filed_by_subject", "filed_at");

-- CreateIndex
CREATE INDEX "case_event_case_id_id_idx" ON "case_event"("case_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "open_application_case_id_key" ON "open_application"("case_id");

-- AddForeignKey
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "intake_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A case's history is a record: once written, never changed or removed (API.md, Workflows).
CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: rows are never changed or removed', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER "case_event_append_only" BEFORE UPDATE OR DELETE ON "case_event" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "intake_request_append_only" BEFORE UPDATE OR DELETE ON "intake_request" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();

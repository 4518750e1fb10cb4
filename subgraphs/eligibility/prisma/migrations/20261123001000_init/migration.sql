-- CreateTable
CREATE TABLE "rule_set" (
    "code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "region" VARCHAR(13),
    "checks" TEXT[],
    "decile_threshold" SMALLINT,
    "family_lookback_days" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,

    CONSTRAINT "rule_set_pkey" PRIMARY KEY ("code","version")
);

-- CreateTable
CREATE TABLE "decision" (
    "id" BIGSERIAL NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "caller_role" TEXT NOT NULL,
    "caller_subject" TEXT,
    "nik" VARCHAR(16) NOT NULL,
    "rule_set" TEXT NOT NULL,
    "rule_set_version" INTEGER NOT NULL,
    "as_of" DATE NOT NULL,
    "decision" TEXT NOT NULL,
    "checks" JSONB NOT NULL,

    CONSTRAINT "decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "decision_nik_decided_at_idx" ON "decision"("nik", "decided_at");

-- CreateIndex
CREATE INDEX "decision_rule_set_decided_at_idx" ON "decision"("rule_set", "decided_at");

-- CreateIndex
CREATE INDEX "decision_decided_at_idx" ON "decision"("decided_at");

-- Rule-set versions and decisions are records: once written, never changed or removed.
CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: rows are never changed or removed', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER "rule_set_append_only" BEFORE UPDATE OR DELETE ON "rule_set" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "decision_append_only" BEFORE UPDATE OR DELETE ON "decision" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();

-- CreateTable
CREATE TABLE "decision_batch" (
    "id" BIGINT NOT NULL DEFAULT nextval('decision_id_seq'::regclass),
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "caller_role" TEXT NOT NULL,
    "caller_subject" TEXT,
    "rule_set" TEXT NOT NULL,
    "rule_set_version" INTEGER NOT NULL,
    "program" TEXT,
    "as_of" DATE NOT NULL,
    "niks" VARCHAR(16)[],
    "decisions" TEXT[],
    "checks" JSONB NOT NULL,
    "chain_seq" BIGINT,
    "prev_hash" TEXT,
    "hash" TEXT,

    CONSTRAINT "decision_batch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "decision_batch_chain_seq_key" ON "decision_batch"("chain_seq");

-- CreateIndex
CREATE INDEX "decision_batch_niks_idx" ON "decision_batch" USING GIN ("niks");

-- CreateIndex
CREATE INDEX "decision_batch_hash_idx" ON "decision_batch"("hash");

-- CreateIndex
CREATE INDEX "decision_batch_rule_set_decided_at_idx" ON "decision_batch"("rule_set", "decided_at");

-- CreateIndex
CREATE INDEX "decision_batch_decided_at_idx" ON "decision_batch"("decided_at");

-- Side by side or not at all: each NIK has its decision and its checks (a CHECK rather than
-- NOT NULL, which Prisma's scalar lists cannot declare).
ALTER TABLE "decision_batch" ADD CONSTRAINT "decision_batch_side_by_side" CHECK (
  "niks" IS NOT NULL AND "decisions" IS NOT NULL AND cardinality("niks") > 0
  AND cardinality("decisions") = cardinality("niks") AND jsonb_array_length("checks") = cardinality("niks")
);

-- A record, like a decision row: never changed or removed.
CREATE TRIGGER "decision_batch_append_only" BEFORE UPDATE OR DELETE ON "decision_batch" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();

-- A batch row's content, as decision_content gives a decision's: one JSON array, times in UTC.
CREATE FUNCTION "decision_batch_content"(b "decision_batch") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT json_build_array(b.id, to_char(b.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), b.caller_role,
    b.caller_subject, b.rule_set, b.rule_set_version, b.program, to_char(b.as_of, 'YYYY-MM-DD'), b.niks, b.decisions, b.checks)::text
$$;

-- Batch rows are links of the decision log's one chain (issue 20: a screening's 10,000
-- decisions cost one link, not 10,000; bench/README.md, eligibility). chain_row reads the
-- row's content by its table; plpgsql plans each branch for the table it runs on.
CREATE OR REPLACE FUNCTION "chain_row"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head text := current_setting('tepat.chain_decision', true);
  content text;
BEGIN
  IF head IS NULL OR head = '' THEN
    SELECT h.seq || ':' || h.hash INTO head FROM "log_chain_head" h WHERE h.log = 'decision' FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'log_chain_head has no row for decision';
    END IF;
  END IF;
  NEW.chain_seq := split_part(head, ':', 1)::bigint + 1;
  NEW.prev_hash := split_part(head, ':', 2);
  IF TG_TABLE_NAME = 'decision' THEN
    content := decision_content(NEW);
  ELSE
    content := decision_batch_content(NEW);
  END IF;
  NEW.hash := encode(sha256(convert_to(NEW.prev_hash || content, 'UTF8')), 'hex');
  PERFORM set_config('tepat.chain_decision', NEW.chain_seq || ':' || NEW.hash, true);
  RETURN NEW;
END
$$;

-- The head is saved once per statement, under the log's name (the trigger's argument) where
-- it is not the table's.
CREATE OR REPLACE FUNCTION "chain_head_save"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  log_name text := coalesce(TG_ARGV[0], TG_TABLE_NAME);
  head text := current_setting('tepat.chain_' || log_name, true);
BEGIN
  IF head IS NOT NULL AND head <> '' THEN
    UPDATE "log_chain_head" SET seq = split_part(head, ':', 1)::bigint, hash = split_part(head, ':', 2) WHERE log = log_name;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "decision_batch_chain" BEFORE INSERT ON "decision_batch" FOR EACH ROW EXECUTE FUNCTION "chain_row"();
CREATE TRIGGER "decision_batch_chain_head" AFTER INSERT ON "decision_batch" FOR EACH STATEMENT EXECUTE FUNCTION "chain_head_save"('decision');

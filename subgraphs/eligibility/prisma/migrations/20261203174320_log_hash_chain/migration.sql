-- AlterTable
ALTER TABLE "access" ADD COLUMN     "chain_seq" BIGINT,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prev_hash" TEXT;

-- AlterTable
ALTER TABLE "decision" ADD COLUMN     "chain_seq" BIGINT,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prev_hash" TEXT;

-- CreateTable
CREATE TABLE "log_chain_head" (
    "log" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "log_chain_head_pkey" PRIMARY KEY ("log")
);

-- CreateIndex
CREATE UNIQUE INDEX "access_chain_seq_key" ON "access"("chain_seq");

-- CreateIndex
CREATE UNIQUE INDEX "decision_chain_seq_key" ON "decision"("chain_seq");

-- CreateIndex
CREATE INDEX "decision_hash_idx" ON "decision"("hash");

-- Hash chains (issue 21): each row of the decision log and of the access log carries its
-- position, the previous row's hash and its own, sha256 over the previous hash and the row's
-- content, so a row altered, removed or slipped in is found by `tepat audit verify`
-- (log-chain.ts). The database links every row, whoever inserts it; log_chain_head holds each
-- log's last position and hash, and locking it orders concurrent writers into one chain.

-- A row's content as one text: a JSON array, so no value can run into the next; times in UTC.
CREATE FUNCTION "decision_content"(d "decision") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT json_build_array(d.id, to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), d.caller_role,
    d.caller_subject, d.nik, d.rule_set, d.rule_set_version, d.program, to_char(d.as_of, 'YYYY-MM-DD'), d.decision, d.checks)::text
$$;

CREATE FUNCTION "access_content"(a "access") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT json_build_array(a.id, to_char(a.accessed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), a.caller_role,
    a.caller_subject, a.caller_region, a.purpose, a.operation, a.root_fields, a.niks, a.kks, a.names, a.answered)::text
$$;

-- The next link of a log: its position, the previous hash and the new one. The first insert
-- of a transaction locks the log's head row until the transaction ends, so two writers never
-- link to the same row; the head then travels in a transaction-local setting from row to row
-- (updating the head row for each one would leave a dead row version per link for the next
-- to step over) and is written back once per statement (chain_head_save).
CREATE FUNCTION "chain_link"(log_name text, content text, OUT link_seq bigint, OUT link_prev text, OUT link_hash text)
LANGUAGE plpgsql AS $$
DECLARE
  head text := current_setting('tepat.chain_' || log_name, true);
BEGIN
  IF head IS NULL OR head = '' THEN
    SELECT h.seq || ':' || h.hash INTO head FROM "log_chain_head" h WHERE h.log = log_name FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'log_chain_head has no row for %', log_name;
    END IF;
  END IF;
  link_seq := split_part(head, ':', 1)::bigint + 1;
  link_prev := split_part(head, ':', 2);
  link_hash := encode(sha256(convert_to(link_prev || content, 'UTF8')), 'hex');
  PERFORM set_config('tepat.chain_' || log_name, link_seq || ':' || link_hash, true);
END
$$;

CREATE FUNCTION "chain_head_save"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head text := current_setting('tepat.chain_' || TG_TABLE_NAME, true);
BEGIN
  IF head IS NOT NULL AND head <> '' THEN
    UPDATE "log_chain_head" SET seq = split_part(head, ':', 1)::bigint, hash = split_part(head, ':', 2) WHERE log = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END
$$;

-- One trigger for both logs; each branch is planned only for the table it runs on.
CREATE FUNCTION "chain_row"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  content text;
BEGIN
  IF TG_TABLE_NAME = 'decision' THEN
    content := decision_content(NEW);
  ELSE
    content := access_content(NEW);
  END IF;
  SELECT link_seq, link_prev, link_hash INTO NEW.chain_seq, NEW.prev_hash, NEW.hash FROM chain_link(TG_TABLE_NAME, content);
  RETURN NEW;
END
$$;

-- Rows written before this migration are linked in the order they were written.
ALTER TABLE "decision" DISABLE TRIGGER "decision_append_only";
ALTER TABLE "access" DISABLE TRIGGER "access_append_only";
DO $$
DECLARE
  log_name text;
  r record;
  head text;
  n bigint;
BEGIN
  FOREACH log_name IN ARRAY ARRAY['decision', 'access'] LOOP
    head := repeat('0', 64);
    n := 0;
    FOR r IN EXECUTE format('SELECT t.id, %I(t) AS content FROM %I t ORDER BY t.id', log_name || '_content', log_name) LOOP
      n := n + 1;
      EXECUTE format('UPDATE %I SET chain_seq = $1, prev_hash = $2, hash = encode(sha256(convert_to($2 || $3, ''UTF8'')), ''hex'') WHERE id = $4 RETURNING hash', log_name)
        INTO head USING n, head, r.content, r.id;
    END LOOP;
    INSERT INTO "log_chain_head" (log, seq, hash) VALUES (log_name, n, head);
  END LOOP;
END
$$;
ALTER TABLE "decision" ENABLE TRIGGER "decision_append_only";
ALTER TABLE "access" ENABLE TRIGGER "access_append_only";

CREATE TRIGGER "decision_chain" BEFORE INSERT ON "decision" FOR EACH ROW EXECUTE FUNCTION "chain_row"();
CREATE TRIGGER "access_chain" BEFORE INSERT ON "access" FOR EACH ROW EXECUTE FUNCTION "chain_row"();
CREATE TRIGGER "decision_chain_head" AFTER INSERT ON "decision" FOR EACH STATEMENT EXECUTE FUNCTION "chain_head_save"();
CREATE TRIGGER "access_chain_head" AFTER INSERT ON "access" FOR EACH STATEMENT EXECUTE FUNCTION "chain_head_save"();
-- The head moves only with an insert; it is never moved back.
CREATE TRIGGER "log_chain_head_no_delete" BEFORE DELETE ON "log_chain_head" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();

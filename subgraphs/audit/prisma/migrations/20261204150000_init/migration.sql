-- The access log in a service of its own (issue 21): an audit record the gateway writes, kept
-- apart from the data it records reads of. Its columns, content function and hash chain are
-- those the log had in eligibility's database (migrations 20261123110630_access_log to
-- 20261203174320_log_hash_chain there), so rows moved from there keep their hashes
-- (src/move.ts) and the chain goes on from its head.

CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: rows are never changed or removed', TG_TABLE_NAME;
END
$$;

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
    "answered" BOOLEAN NOT NULL DEFAULT true,
    "kks" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "root_fields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "chain_seq" BIGINT,
    "prev_hash" TEXT,
    "hash" TEXT,

    CONSTRAINT "access_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "log_chain_head" (
    "log" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "log_chain_head_pkey" PRIMARY KEY ("log")
);

-- CreateIndex
CREATE INDEX "access_accessed_at_idx" ON "access"("accessed_at");

-- CreateIndex
CREATE INDEX "access_caller_subject_accessed_at_idx" ON "access"("caller_subject", "accessed_at");

-- CreateIndex
CREATE INDEX "access_niks_idx" ON "access" USING GIN ("niks");

-- CreateIndex
CREATE UNIQUE INDEX "access_chain_seq_key" ON "access"("chain_seq");

-- Once written, never changed or removed.
CREATE TRIGGER "access_append_only" BEFORE UPDATE OR DELETE ON "access" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();

-- A row's content as one text: a JSON array, so no value can run into the next; times in UTC.
-- It must give the same text as eligibility's access_content did, or moved rows would not verify.
CREATE FUNCTION "access_content"(a "access") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT json_build_array(a.id, to_char(a.accessed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), a.caller_role,
    a.caller_subject, a.caller_region, a.purpose, a.operation, a.root_fields, a.niks, a.kks, a.names, a.answered)::text
$$;

-- The next link: its position, the previous hash and the new one. The first insert of a
-- transaction locks the head row until the transaction ends, so two writers never link to the
-- same row; the head then travels in a transaction-local setting from row to row and is
-- written back once per statement (chain_head_save).
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

CREATE FUNCTION "chain_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT link_seq, link_prev, link_hash INTO NEW.chain_seq, NEW.prev_hash, NEW.hash FROM chain_link(TG_TABLE_NAME, access_content(NEW));
  RETURN NEW;
END
$$;

INSERT INTO "log_chain_head" (log, seq, hash) VALUES ('access', 0, repeat('0', 64));

CREATE TRIGGER "access_chain" BEFORE INSERT ON "access" FOR EACH ROW EXECUTE FUNCTION "chain_row"();
CREATE TRIGGER "access_chain_head" AFTER INSERT ON "access" FOR EACH STATEMENT EXECUTE FUNCTION "chain_head_save"();
-- The head moves only with an insert; it is never moved back.
CREATE TRIGGER "log_chain_head_no_delete" BEFORE DELETE ON "log_chain_head" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();

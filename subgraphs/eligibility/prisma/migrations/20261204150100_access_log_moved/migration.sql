-- The access log moved to the audit service (issue 21: eligibility's database holds
-- eligibility's data). Eligibility writes no access rows from here on. A log with rows is
-- kept, renamed, with its chain head, until `tepat audit move-access-log` (run by
-- `tepat start` by itself) has copied it into the audit database with the same ids and
-- hashes and dropped it here; an empty one goes at once.
DROP TRIGGER "access_chain" ON "access";
DROP TRIGGER "access_chain_head" ON "access";

CREATE OR REPLACE FUNCTION "chain_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT link_seq, link_prev, link_hash INTO NEW.chain_seq, NEW.prev_hash, NEW.hash FROM chain_link(TG_TABLE_NAME, decision_content(NEW));
  RETURN NEW;
END
$$;

ALTER TABLE "access" RENAME TO "access_before_audit";

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "access_before_audit") THEN
    DROP FUNCTION "access_content"("access_before_audit");
    DROP TABLE "access_before_audit";
    ALTER TABLE "log_chain_head" DISABLE TRIGGER "log_chain_head_no_delete";
    DELETE FROM "log_chain_head" WHERE log = 'access';
    ALTER TABLE "log_chain_head" ENABLE TRIGGER "log_chain_head_no_delete";
  END IF;
END
$$;

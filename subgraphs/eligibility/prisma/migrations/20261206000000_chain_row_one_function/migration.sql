-- Each row is linked in one function (issue 20): chain_row called chain_link from a SELECT,
-- a query started for every row; the same steps as assignments in chain_row cost a quarter
-- less per linked row in a screening's 10,000-row insert (bench/README.md, measured
-- choices). Positions and hashes are as before: sha256 over the previous hash and
-- decision_content, the head travelling in a transaction-local setting (log_hash_chain).
CREATE OR REPLACE FUNCTION "chain_row"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head text := current_setting('tepat.chain_decision', true);
BEGIN
  IF head IS NULL OR head = '' THEN
    SELECT h.seq || ':' || h.hash INTO head FROM "log_chain_head" h WHERE h.log = 'decision' FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'log_chain_head has no row for decision';
    END IF;
  END IF;
  NEW.chain_seq := split_part(head, ':', 1)::bigint + 1;
  NEW.prev_hash := split_part(head, ':', 2);
  NEW.hash := encode(sha256(convert_to(NEW.prev_hash || decision_content(NEW), 'UTF8')), 'hex');
  PERFORM set_config('tepat.chain_decision', NEW.chain_seq || ':' || NEW.hash, true);
  RETURN NEW;
END
$$;

DROP FUNCTION "chain_link"(text, text);

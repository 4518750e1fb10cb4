-- Each row is linked in one function, as eligibility's decision log is (its migration
-- chain_row_one_function, issue 20): no query started per row for chain_link. Positions and
-- hashes are as before: sha256 over the previous hash and access_content, the head
-- travelling in a transaction-local setting (init).
CREATE OR REPLACE FUNCTION "chain_row"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head text := current_setting('tepat.chain_access', true);
BEGIN
  IF head IS NULL OR head = '' THEN
    SELECT h.seq || ':' || h.hash INTO head FROM "log_chain_head" h WHERE h.log = 'access' FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'log_chain_head has no row for access';
    END IF;
  END IF;
  NEW.chain_seq := split_part(head, ':', 1)::bigint + 1;
  NEW.prev_hash := split_part(head, ':', 2);
  NEW.hash := encode(sha256(convert_to(NEW.prev_hash || access_content(NEW), 'UTF8')), 'hex');
  PERFORM set_config('tepat.chain_access', NEW.chain_seq || ':' || NEW.hash, true);
  RETURN NEW;
END
$$;

DROP FUNCTION "chain_link"(text, text);

-- Canonical source of tongban_write_commands: group commit, several commands of different cases in
-- one statement, one transaction, one commit. Each is written in its own subtransaction (the BEGIN …
-- EXCEPTION block), so each stays atomic on its own: a version conflict writes nothing of that
-- command (result 0), and an error (a duplicate idempotency key, say) undoes only that command and
-- is returned as { code, message } in its place. One result per document, in order.
--
-- To change it: edit this file, then add a migration that redefines it with exactly this statement
-- (src/sql/write-function-drift.test.ts checks the newest migration that defines it).
CREATE OR REPLACE FUNCTION tongban_write_commands(docs jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_doc jsonb;
  v_results jsonb := '[]';
BEGIN
  FOR v_doc IN SELECT value FROM jsonb_array_elements(docs) LOOP
    BEGIN
      v_results := v_results || to_jsonb(tongban_write_command(v_doc));
    EXCEPTION WHEN OTHERS THEN
      v_results := v_results || jsonb_build_array(jsonb_build_object('code', SQLSTATE, 'message', SQLERRM));
    END;
  END LOOP;
  RETURN v_results;
END;
$$;

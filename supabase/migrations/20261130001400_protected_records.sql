-- Records the portal promises never to lose: no role may empty them with TRUNCATE. Row triggers
-- (refuse_change, in each table's own migration) guard UPDATE and DELETE, but TRUNCATE fires no
-- row trigger, and Supabase's default grants give service_role TRUNCATE on every public table.
-- So each table gets a statement-level trigger (which holds even for the owner) and loses the
-- privilege for every API role. `seed --reset` bypasses triggers as the owner, on purpose.
-- The lint suite checks that every table guarded by refuse_change is also listed here.
do $$
declare
  v_table text;
begin
  foreach v_table in array array[
    'public.progress_reports', 'public.bulletins', 'public.target_commitment_changes',
    'public.assessment_runs', 'public.annual_assessments', 'public.assessment_target_scores',
    'private.cadre_evaluations', 'public.decisions', 'public.decision_events', 'public.hearing_draws',
    'public.hall_opinions', 'public.survey_responses', 'public.survey_answers', 'public.leader_reports',
    'public.accountability_cases', 'private.accountability_case_persons'
  ] loop
    execute format('revoke truncate on %s from public, anon, authenticated, service_role', v_table);
    if not exists (
        select 1 from pg_trigger t
        where t.tgrelid = v_table::regclass and (t.tgtype & 32) <> 0 and not t.tgisinternal) then
      execute format(
        'create trigger %I before truncate on %s for each statement execute function private.refuse_change(%L, %L)',
        split_part(v_table, '.', 2) || '_are_not_truncated', v_table,
        'the record is kept for good', 'Nothing in this table is ever removed; record a correction instead.');
    end if;
  end loop;
end
$$;

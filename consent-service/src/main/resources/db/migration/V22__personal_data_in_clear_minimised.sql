-- Issue 14: personal numbers in clear, written before this version, where the mesh no longer keeps them.
--
-- Decision facts keep only the recipient's routing prefix (authorization/rules/FactsJson): what the rules read, so a
-- recheck still reproduces the decision. Rows written earlier hold the whole number; they are cut down the same way.
UPDATE decision
SET facts = jsonb_set(
        facts::jsonb,
        '{recipient}',
        to_jsonb(left(facts::jsonb ->> 'recipient', 8)
                 || repeat('*', greatest(length(facts::jsonb ->> 'recipient') - 8, 0))))::text
WHERE facts IS NOT NULL
  AND facts::jsonb ->> 'recipient' ~ '^\+[0-9]{9,}$';

-- Reply commands now store the number and text sealed under the person's data key (replies/ReplyCommands). A reply
-- published (or skipped) before this version needs neither any more: its number is cut to the routing prefix and its
-- text, the tenant's own template, emptied. Replies still waiting in the outbox keep theirs until they go out.
UPDATE reply_command r
SET to_number = left(r.to_number, 8) || repeat('*', greatest(length(r.to_number) - 8, 0)),
    body = ''
WHERE r.to_number ~ '^\+[0-9]{9,}$'
  AND NOT EXISTS (SELECT 1 FROM reply_outbox o WHERE o.reply_id = r.id);

-- Call events kept for the disclosure verdicts are stored as received: since version 2 of the telephony events their
-- numbers and words are sealed. Version 1 events stored earlier hold them in clear; they are minimised like the ones
-- an older producer may still send (disclosure/DisclosureConsumer): numbers to their routing prefix (the verdict's
-- jurisdictions read no more), words emptied.
UPDATE call_event
SET envelope = jsonb_set(
        jsonb_set(envelope::jsonb, '{data,from}',
                  to_jsonb(left(envelope::jsonb #>> '{data,from}', 8)
                           || repeat('*', greatest(length(envelope::jsonb #>> '{data,from}') - 8, 0)))),
        '{data,to}',
        to_jsonb(left(envelope::jsonb #>> '{data,to}', 8)
                 || repeat('*', greatest(length(envelope::jsonb #>> '{data,to}') - 8, 0))))::text
WHERE type = 'mesh.call.status-changed.v1';

UPDATE call_event
SET envelope = jsonb_set(envelope::jsonb, '{data,utterance}', '""'::jsonb)::text
WHERE type = 'mesh.call.verbal-consent-detected.v1';

UPDATE call_event
SET envelope = jsonb_set(envelope::jsonb, '{data,text}', '""'::jsonb)::text
WHERE type = 'mesh.call.transcript-available.v1';

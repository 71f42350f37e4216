-- A provider message may go to several people (Telnyx group MMS: one message id, a status per recipient): a contact
-- is one message or call to one person.
ALTER TABLE contact_made DROP CONSTRAINT contact_made_pkey;
ALTER TABLE contact_made ADD PRIMARY KEY (tenant_id, provider, reference, subject_id);

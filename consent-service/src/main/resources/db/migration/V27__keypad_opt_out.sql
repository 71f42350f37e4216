-- Issue 17, item 5: the keys that stop contact in a tenant's IVR menus ("press 9 to stop these calls"); no row, no
-- key stops anything.
CREATE TABLE keypad_opt_out (
    tenant_id  text        PRIMARY KEY,
    digits     text[]      NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Skillgrid warehouse: base tables written by loads.
-- Every table is documented in docs/SCHEMA.md; tests/test_schema_doc.py keeps the two in step.
-- Versioned tables (employees, learning_records, role_requirements) keep their superseded rows in a
-- *_history twin with the same columns plus superseded_by_load, so any load can be undone.

-- One row per file that was written to the warehouse (refused files are never written; see docs/SCHEMA.md).
CREATE TABLE IF NOT EXISTS ingest_log (
    load_id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL,          -- one CLI invocation or one upload commit
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,              -- roster | learning | roles
    source_format VARCHAR NOT NULL,     -- e.g. canonical_roster, credly_analytics_csv
    rows_read INTEGER NOT NULL,
    rows_loaded INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL,
    rows_unmatched INTEGER NOT NULL,
    status VARCHAR NOT NULL,            -- loaded | loaded_with_rejects | undone
    message VARCHAR NOT NULL,
    mapping VARCHAR,                    -- JSON: canonical field -> source column
    effective_date DATE NOT NULL,       -- the date the file describes (roster history uses it)
    loaded_at TIMESTAMP NOT NULL,
    undone_at TIMESTAMP
);

-- One row per source row (and column) that a load rejected; the rest of that file loaded.
CREATE TABLE IF NOT EXISTS rejected_rows (
    load_id INTEGER NOT NULL,
    file_name VARCHAR NOT NULL,
    row_number INTEGER NOT NULL,        -- 1-based data row as the analyst sees it in the file
    column_name VARCHAR,                -- source column, null when the whole row is at fault
    value VARCHAR,
    reason VARCHAR NOT NULL,
    raw_row VARCHAR                     -- JSON object of the source row
);

-- One row per person (current version).
CREATE TABLE IF NOT EXISTS employees (
    employee_id VARCHAR PRIMARY KEY,
    full_name VARCHAR,
    email VARCHAR,                      -- lower-cased, trimmed
    department VARCHAR,
    team VARCHAR,
    role VARCHAR,                       -- job title as given
    manager_id VARCHAR,
    manager_name VARCHAR,               -- as given when the file named the manager instead of an id
    location VARCHAR,
    hire_date DATE,
    termination_date DATE,
    valid_from DATE NOT NULL,           -- effective date of the load that wrote this version
    load_id INTEGER NOT NULL
);

-- Earlier versions of employees rows, replaced by a later load.
CREATE TABLE IF NOT EXISTS employees_history (
    employee_id VARCHAR NOT NULL,
    full_name VARCHAR,
    email VARCHAR,
    department VARCHAR,
    team VARCHAR,
    role VARCHAR,
    manager_id VARCHAR,
    manager_name VARCHAR,
    location VARCHAR,
    hire_date DATE,
    termination_date DATE,
    valid_from DATE NOT NULL,
    load_id INTEGER NOT NULL,
    superseded_by_load INTEGER NOT NULL
);

-- One row per distinct way a learning file named its learner (the four source_* values together), and the
-- person that names now. Records point here by identity_id rather than repeating those values: a file
-- names ~100k learners over a million rows, and writing six text columns per row cost a 1M-row load ~1 s
-- (BENCHMARKS.md, Changes 24). Re-matching after a roster load or a mapping updates these rows only.
-- Loads, undo and forget keep exactly the identities some current record uses.
-- The text is stored uncompressed: a load's new identities (fewer than a row group) are compressed at COMMIT,
-- on one core, after everything else; for a million-row file's ~97,000 that took ~0.09 s, uncompressed
-- ~0.045 s, for ~6 MB more on disk (BENCHMARKS.md, Changes 33).
CREATE TABLE IF NOT EXISTS learning_identities (
    identity_id INTEGER NOT NULL,       -- surrogate
    source_employee_id VARCHAR USING COMPRESSION uncompressed,
    source_external_id VARCHAR USING COMPRESSION uncompressed,
    source_email VARCHAR USING COMPRESSION uncompressed,    -- lower-cased, trimmed
    source_name VARCHAR USING COMPRESSION uncompressed,
    employee_id VARCHAR USING COMPRESSION uncompressed,     -- the person matched; null when unmatched
    match_method VARCHAR USING COMPRESSION uncompressed     -- employee_id | external_id | email | alias | null
);

-- One row per distinct combination of what a learning record names and how it stands: program, provider,
-- type, status and the file's own status word (a "junk dimension"). Records point here by attributes_id: a
-- million badge rows repeat a few hundred combinations, and writing these five text columns into every row
-- was ~half of a 1M-row insert (0.4 -> 0.2 s, BENCHMARKS.md, Changes 37). Loads, undo and forget keep exactly
-- the combinations some current record uses, each once.
CREATE TABLE IF NOT EXISTS learning_record_attributes (
    attributes_id INTEGER NOT NULL,     -- surrogate
    program_name VARCHAR NOT NULL,
    provider VARCHAR,
    program_type VARCHAR NOT NULL,      -- micro_credential | certification | traditional_course | degree
    status VARCHAR NOT NULL,            -- completed | in_progress | failed | revoked
    source_status VARCHAR               -- the status word as the file gave it
);

-- One row per person x program attempt (current version), matched or not; the learner is an identity_id, what
-- was taken and how it stands an attributes_id, and the file's format is ingest_log's. Read it through the
-- learning_records view (etl/sql/views.sql), which adds all three back. record_id is unique, but not declared PRIMARY KEY: loads assign it (max + 1 over this
-- table and the history, under the writer lock), and the index cost a 1M-row load ~0.6 s to build and
-- commit (BENCHMARKS.md, Changes 23).
CREATE TABLE IF NOT EXISTS learning_record_rows (
    record_id BIGINT NOT NULL,          -- surrogate, new for every version
    -- natural key: same attempt seen again in a later file. Stored uncompressed: every key is unique, so
    -- DuckDB's string compression analysed and wrote it for ~half of the 1M-badge insert's time; as is, a
    -- load of a million badges is ~0.25 s faster and the file ~25 MB (~30 %) larger.
    record_key VARCHAR NOT NULL USING COMPRESSION uncompressed,
    identity_id INTEGER NOT NULL,       -- learning_identities: who the file said it was
    attributes_id INTEGER NOT NULL,     -- learning_record_attributes: program, provider, type, status
    started_on DATE,
    completed_on DATE,
    expires_on DATE,
    cost DOUBLE,
    hours DOUBLE,
    credential_url VARCHAR,
    source_row INTEGER NOT NULL,
    load_id INTEGER NOT NULL
);

-- Superseded versions of learning records, whole (learner and format as they were): undo puts them back.
CREATE TABLE IF NOT EXISTS learning_records_history (
    record_id BIGINT NOT NULL,
    record_key VARCHAR NOT NULL,
    employee_id VARCHAR,
    match_method VARCHAR,
    program_name VARCHAR NOT NULL,
    provider VARCHAR,
    program_type VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    source_status VARCHAR,
    started_on DATE,
    completed_on DATE,
    expires_on DATE,
    cost DOUBLE,
    hours DOUBLE,
    source_employee_id VARCHAR,
    source_external_id VARCHAR,
    source_email VARCHAR,
    source_name VARCHAR,
    credential_url VARCHAR,
    source_format VARCHAR NOT NULL,
    source_row INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    superseded_by_load INTEGER NOT NULL
);

-- One row per learning record version x skill it evidences.
CREATE TABLE IF NOT EXISTS learning_record_skills (
    record_id BIGINT NOT NULL,
    skill_id VARCHAR NOT NULL,
    level INTEGER NOT NULL,             -- 1..5; a skill given without a level counts as 1
    load_id INTEGER NOT NULL
);

-- One row per canonical skill.
CREATE TABLE IF NOT EXISTS skills (
    skill_id VARCHAR PRIMARY KEY,       -- normalised slug of the canonical name
    name VARCHAR NOT NULL,
    load_id INTEGER NOT NULL
);

-- One row per spelling that resolves to a skill (the canonical name is an alias of itself).
CREATE TABLE IF NOT EXISTS skill_aliases (
    alias VARCHAR PRIMARY KEY,          -- normalised: lower case, single spaces
    skill_id VARCHAR NOT NULL,
    load_id INTEGER NOT NULL
);

-- One row per role x required skill (current version).
CREATE TABLE IF NOT EXISTS role_requirements (
    role VARCHAR NOT NULL,              -- as given
    role_key VARCHAR NOT NULL,          -- lower-cased, trimmed: what employees.role is matched on
    skill_id VARCHAR NOT NULL,
    required_level INTEGER NOT NULL,    -- 1..5
    importance DOUBLE,                  -- optional weight, 1..5
    load_id INTEGER NOT NULL,
    PRIMARY KEY (role_key, skill_id)
);

CREATE TABLE IF NOT EXISTS role_requirements_history (
    role VARCHAR NOT NULL,
    role_key VARCHAR NOT NULL,
    skill_id VARCHAR NOT NULL,
    required_level INTEGER NOT NULL,
    importance DOUBLE,
    load_id INTEGER NOT NULL,
    superseded_by_load INTEGER NOT NULL
);

-- One row per program in the catalogue (current version): what a credential or course is and teaches.
CREATE TABLE IF NOT EXISTS programs (
    program_key VARCHAR PRIMARY KEY,    -- lower-cased "program name|provider"
    program_name VARCHAR NOT NULL,
    provider VARCHAR,
    program_type VARCHAR NOT NULL,      -- micro_credential | certification | traditional_course | degree
    list_cost DOUBLE,                   -- price per attempt as catalogued
    list_hours DOUBLE,
    validity_months INTEGER,            -- how long a completion stays valid, null = no expiry
    load_id INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS programs_history (
    program_key VARCHAR NOT NULL,
    program_name VARCHAR NOT NULL,
    provider VARCHAR,
    program_type VARCHAR NOT NULL,
    list_cost DOUBLE,
    list_hours DOUBLE,
    validity_months INTEGER,
    load_id INTEGER NOT NULL,
    superseded_by_load INTEGER NOT NULL
);

-- One row per program version x skill it teaches; the current set is the one whose load_id
-- equals programs.load_id for that program_key.
CREATE TABLE IF NOT EXISTS program_skills (
    program_key VARCHAR NOT NULL,
    skill_id VARCHAR NOT NULL,
    level INTEGER NOT NULL,
    load_id INTEGER NOT NULL
);

-- One row per identity an analyst mapped by hand to an employee (resolving unmatched records).
CREATE TABLE IF NOT EXISTS identity_aliases (
    identity_type VARCHAR NOT NULL,     -- email | external_id
    identity_value VARCHAR NOT NULL,    -- lower-cased, trimmed
    employee_id VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (identity_type, identity_value)
);

-- One row per saved column mapping, so the next upload of the same export needs no corrections.
CREATE TABLE IF NOT EXISTS mapping_profiles (
    name VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,              -- auto | roster | learning | roles | catalogue
    format_name VARCHAR,                -- forced source format, null = detect
    mapping VARCHAR NOT NULL,           -- JSON: canonical field -> source column
    day_first BOOLEAN,                  -- date order for ambiguous columns, null = decide from the data
    saved_at TIMESTAMP NOT NULL
);

-- Key/value facts about the warehouse itself: the schema version, and the definition each mart was built by.
CREATE TABLE IF NOT EXISTS warehouse_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

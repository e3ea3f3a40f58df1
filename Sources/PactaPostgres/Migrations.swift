/// The schema of the PostgreSQL record, as numbered migrations: each runs once, in order, in a transaction of its
/// own, and is recorded in `schema_migrations`. A migration is never edited once shipped; a change is a new one
/// at the end.
///
/// Tables:
/// - `corpus_file`: the corpus's own files (`entities.yaml`, `regions.yaml`, `corpus.yaml`, `successions.yaml`),
///   whole.
/// - `treaty`: one row per treaty: its file name, the file's text without its events' items (`head`, with
///   `events_at`, the UTF-8 offset where they go), its version (``PactaStore/ContentHash`` of the whole text,
///   as the file back end gives it); the row a write locks (`SELECT ... FOR UPDATE`).
/// - `event`: one row per event, in the file's order (`position` from 0): the item's YAML as the file writes it,
///   its id, `recorded` and `recorded_by`. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE for any
///   role, and the server's role (`pacta_writer`) is granted SELECT and INSERT only.
/// - `users`, `tokens`: who may write, with the SHA-256 of each token (never a token).
/// - `write_log`: every write the servers accepted or refused: who, when, what, the outcome.
/// - `search_document`: the search documents of each treaty with their tokens as a `tsvector` (GIN index).
public enum Migrations {
    /// The statements of each migration; migration `n` is `all[n - 1]`.
    public static let all: [[String]] = [
        // 1: the record.
        [
            """
            CREATE TABLE corpus_file (
                name text PRIMARY KEY,
                text text NOT NULL
            )
            """,
            """
            CREATE TABLE treaty (
                id text PRIMARY KEY,
                file text NOT NULL UNIQUE,
                head text NOT NULL,
                events_at integer,
                line_end text NOT NULL DEFAULT E'\\n',
                version text NOT NULL,
                event_count integer NOT NULL DEFAULT 0,
                updated timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE event (
                treaty text NOT NULL REFERENCES treaty (id),
                position integer NOT NULL,
                id text,
                item text NOT NULL,
                recorded date,
                recorded_by text,
                written timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (treaty, position)
            )
            """,
            "CREATE INDEX event_id ON event (id)",
            """
            CREATE FUNCTION pacta_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the event table is append-only: % refused (record a correction instead)', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$
            """,
            """
            CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event
                FOR EACH ROW EXECUTE FUNCTION pacta_event_append_only()
            """,
            """
            CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event
                FOR EACH STATEMENT EXECUTE FUNCTION pacta_event_append_only()
            """,
            """
            CREATE TABLE users (
                id bigserial PRIMARY KEY,
                name text NOT NULL,
                role text NOT NULL CHECK (role IN ('clerk', 'admin')),
                issued text NOT NULL,
                revoked text
            )
            """,
            "CREATE UNIQUE INDEX users_active_name ON users (name) WHERE revoked IS NULL",
            """
            CREATE TABLE tokens (
                token_sha256 text PRIMARY KEY,
                user_id bigint NOT NULL REFERENCES users (id)
            )
            """,
            """
            CREATE TABLE write_log (
                id bigserial PRIMARY KEY,
                at timestamptz NOT NULL DEFAULT now(),
                user_name text NOT NULL,
                treaty text NOT NULL,
                type text NOT NULL,
                event text,
                outcome integer NOT NULL,
                reason text
            )
            """,
            """
            CREATE TABLE search_document (
                id bigserial PRIMARY KEY,
                treaty text NOT NULL,
                article text,
                field text NOT NULL,
                language text NOT NULL,
                text text NOT NULL,
                terms tsvector NOT NULL
            )
            """,
            "CREATE INDEX search_document_treaty ON search_document (treaty)",
            "CREATE INDEX search_document_terms ON search_document USING gin (terms)",
            // The servers' group role: reads everything, appends events, never changes or removes one.
            """
            DO $$
            BEGIN
                CREATE ROLE pacta_writer NOLOGIN;
            EXCEPTION WHEN duplicate_object THEN NULL;
            END
            $$
            """,
            """
            GRANT SELECT ON schema_migrations, corpus_file, treaty, event, users, tokens, write_log, search_document
                TO pacta_writer
            """,
            "GRANT INSERT ON event, treaty, write_log, search_document TO pacta_writer",
            "GRANT UPDATE (head, events_at, line_end, version, event_count, updated) ON treaty TO pacta_writer",
            "GRANT DELETE ON search_document TO pacta_writer",
            "GRANT USAGE ON SEQUENCE write_log_id_seq, search_document_id_seq TO pacta_writer",
        ]
    ]
}

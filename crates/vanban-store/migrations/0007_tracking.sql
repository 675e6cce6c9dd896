-- Following plans (issue 17): the task rows of an issued document, the reports the units make
-- on them, and who follows each plan. A task's status is never stored: it is computed from its
-- due day, its reports and the day asked about.

-- One row per task row of an issued document, created in the transaction of the issue.
-- `state`: 'open' while followed; 'carried' when a plan replacing this one took the task over
-- (its reports copied to the new row); 'withdrawn' when the replacing plan has no such row and
-- nobody had reported on it.
CREATE TABLE tracked_tasks (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES documents(id),
    body_id      INTEGER NOT NULL REFERENCES bodies(id),
    position     INTEGER NOT NULL,
    row_path     TEXT NOT NULL,
    number       TEXT NOT NULL,
    row_groups   TEXT NOT NULL,       -- JSON array of {number, title}, outermost first
    text         TEXT NOT NULL,
    lead         TEXT NOT NULL,       -- JSON array of unit names as written
    cooperating  TEXT NOT NULL,       -- JSON array of unit names as written
    time_text    TEXT NOT NULL,
    due_on       TEXT,                -- YYYY-MM-DD; a recurring task's horizon
    due_hour     INTEGER CHECK (due_hour BETWEEN 0 AND 23),
    due_minute   INTEGER CHECK (due_minute BETWEEN 0 AND 59),
    recurrence   TEXT,                -- a frequency's name when the task recurs
    carried_from INTEGER REFERENCES tracked_tasks(id),
    state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'carried', 'withdrawn')),
    UNIQUE (plan_id, row_path)
);
CREATE INDEX tracked_tasks_by_plan ON tracked_tasks (plan_id, position);
-- The tracking query reads every followed task's due day first: from this index alone.
CREATE INDEX tracked_tasks_open ON tracked_tasks
    (state, body_id, id, due_on, due_hour, due_minute, recurrence);

-- The units a task names, reduced for matching ("Sở Thông tin và Truyền thông (…)" →
-- "sở thông tin và truyền thông"): how a unit finds its tasks.
CREATE TABLE task_units (
    task_id  INTEGER NOT NULL REFERENCES tracked_tasks(id),
    part     TEXT NOT NULL CHECK (part IN ('lead', 'cooperating')),
    unit_key TEXT NOT NULL,
    PRIMARY KEY (task_id, part, unit_key)
);
CREATE INDEX task_units_by_unit ON task_units (unit_key, task_id);

-- Reports: append-only, each a revision of where the task stands, with its author and time.
CREATE TABLE task_reports (
    id           INTEGER PRIMARY KEY,
    task_id      INTEGER NOT NULL REFERENCES tracked_tasks(id),
    person_id    INTEGER NOT NULL REFERENCES people(id),
    at           TEXT NOT NULL,
    on_day       TEXT NOT NULL,
    capacity     TEXT NOT NULL CHECK (capacity IN ('lead', 'cooperating', 'follower')),
    unit         TEXT,
    percent      INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    note         TEXT NOT NULL,
    done         INTEGER NOT NULL CHECK (done IN (0, 1)),
    attachments  TEXT NOT NULL,       -- JSON array of attachments
    carried_from INTEGER REFERENCES task_reports(id)
);
CREATE INDEX task_reports_by_task ON task_reports (task_id, id);

-- Who follows a plan (Điều 24): the last assignment counts; earlier ones stay as history.
CREATE TABLE plan_followers (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES documents(id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    assigned_by INTEGER NOT NULL REFERENCES people(id),
    at          TEXT NOT NULL
);
CREATE INDEX plan_followers_by_plan ON plan_followers (plan_id, id);

CREATE TRIGGER task_reports_are_append_only BEFORE UPDATE ON task_reports
BEGIN
    SELECT RAISE(ABORT, 'vanban: reports are never changed');
END;

CREATE TRIGGER task_reports_are_never_deleted BEFORE DELETE ON task_reports
BEGIN
    SELECT RAISE(ABORT, 'vanban: reports are never deleted');
END;

CREATE TRIGGER tracked_tasks_are_never_deleted BEFORE DELETE ON tracked_tasks
BEGIN
    SELECT RAISE(ABORT, 'vanban: tracked tasks are never deleted');
END;

-- Only the state of a task changes, once, from 'open'.
CREATE TRIGGER tracked_tasks_keep_their_rows BEFORE UPDATE ON tracked_tasks
WHEN OLD.state <> 'open' OR NEW.plan_id <> OLD.plan_id OR NEW.row_path <> OLD.row_path
    OR NEW.text <> OLD.text OR NEW.lead <> OLD.lead OR NEW.cooperating <> OLD.cooperating
    OR NEW.due_on IS NOT OLD.due_on
BEGIN
    SELECT RAISE(ABORT, 'vanban: a tracked task is changed only by its plan being replaced');
END;

CREATE TRIGGER plan_followers_are_append_only BEFORE UPDATE ON plan_followers
BEGIN
    SELECT RAISE(ABORT, 'vanban: assignments are never changed');
END;

CREATE TRIGGER plan_followers_are_never_deleted BEFORE DELETE ON plan_followers
BEGIN
    SELECT RAISE(ABORT, 'vanban: assignments are never deleted');
END;

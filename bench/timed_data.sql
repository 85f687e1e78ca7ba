-- One tenant (id 1) whose DELETE reaches 1,000,201 rows: 200 projects (through an indexed key)
-- and 1,000,000 tasks, 5,000 per project, through tasks_project_id_fkey, which no index serves:
-- each deleted project makes PostgreSQL's cascade scan the whole tasks table. 99 other tenants
-- with a project each and no tasks.
SET client_min_messages = warning;
CREATE TABLE tenants (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE projects (id bigint PRIMARY KEY,
                       tenant_id bigint NOT NULL REFERENCES tenants ON DELETE CASCADE, name text NOT NULL);
CREATE INDEX ON projects (tenant_id);
CREATE TABLE tasks (id bigint PRIMARY KEY,
                    project_id bigint NOT NULL CONSTRAINT tasks_project_id_fkey REFERENCES projects ON DELETE CASCADE,
                    title text NOT NULL, done boolean NOT NULL DEFAULT false);
INSERT INTO tenants SELECT g, 'tenant ' || g FROM generate_series(1, 100) g;
INSERT INTO projects SELECT g, 1, 'project ' || g FROM generate_series(1, 200) g;
INSERT INTO projects SELECT 200 + g, 1 + g, 'project ' || (200 + g) FROM generate_series(1, 99) g;
INSERT INTO tasks SELECT g, 1 + (g - 1) / 5000, 'task ' || g, g % 7 = 0 FROM generate_series(1, 1000000) g;
VACUUM ANALYZE;

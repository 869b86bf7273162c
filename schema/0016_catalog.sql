-- 0016: the catalog. Each edit of a piece of content is a new revision holding what the edit
-- said (name, description); the content row shows the newest.
ALTER TABLE content_revisions ADD COLUMN name TEXT CHECK (name IS NULL OR length(name) BETWEEN 1 AND 255);
ALTER TABLE content_revisions ADD COLUMN description TEXT;

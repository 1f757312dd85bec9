-- Typed resource facts: what a source knew about a resource (capacity, cluster layout, container
-- limits, attachment, ...) as one JSON object per resource, written and read by
-- dev.purser.core.store.ResourceFactsJson. Rows stored before this version keep their string map
-- in attributes and a null facts; they are read through LegacyAttributes until their scenario is
-- next replaced, which writes facts and leaves attributes empty.
ALTER TABLE resource ADD COLUMN facts jsonb;

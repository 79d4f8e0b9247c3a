// Question: overlaps
// Answers: Overlapping assignments: tasks with several leads, near-identical duties given to different departments, and department pairs that share many tasks
// Parameter kind (text): leads, similar or shared for one kind of overlap; "" for all three
// Parameter threshold (number, default 0.6): the least cosine similarity of two duties that counts as near-identical
// Parameter min_shared (integer, default 3): the least number of tasks two departments share to be listed
// Columns: kind, document, ref, departments, other_document, other_ref, other_departments, score, duty
// Order: kind, duty, -score, document, ref, departments, other_document, other_ref
// Computed: fsgraph.questions.overlaps_from_rows
//
// This query fetches every role on every task, one holder a row (its role and department joined by
// a tab; the SPARQL groups a task's holders in one row); fsgraph.questions.overlaps_from_rows
// computes the answer:
//   leads    a task with more than one lead (牵头); departments lists them, score is how many
//   similar  near-identical duties given to different departments, in one document or several: a
//            duty is a clause of at least 8 characters (bracketed attributions left out), and two
//            are near-identical when their character 2–3-gram TF-IDF vectors have a cosine
//            similarity of at least threshold. Duties are grouped: in order of how many tasks
//            hold them, each duty not yet grouped leads a group and takes every ungrouped duty so
//            alike to it. A group whose tasks' departments differ gives one row per task: duty is
//            the leading duty, score the task's best similarity to it, and other_* who else holds
//            it (the group's first task, or the first whose departments differ from it). One row
//            per task, not per pair: a duty every city gives its own bureau stays one group.
//   shared   two departments holding a role in at least min_shared of the same tasks; score is the count
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)<-[:LEADS]-(d)
RETURN DISTINCT p.file AS document, t.ref AS ref, t.text AS text, 'lead\t' + d.name AS holders
UNION ALL
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)<-[:RESPONSIBLE_FOR]-(d)
RETURN DISTINCT p.file AS document, t.ref AS ref, t.text AS text, 'responsible\t' + d.name AS holders
UNION ALL
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)<-[:SUPPORTS]-(d)
RETURN DISTINCT p.file AS document, t.ref AS ref, t.text AS text, 'support\t' + d.name AS holders

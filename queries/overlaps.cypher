// Question: overlaps
// Answers: Overlapping assignments: tasks with several leads, near-identical duties given to different departments, and department pairs that share many tasks
// Parameter kind (text): leads, similar or shared for one kind of overlap; "" for all three
// Parameter threshold (number, default 0.6): the least cosine similarity of two duties that counts as near-identical
// Parameter min_shared (integer, default 3): the least number of tasks two departments share to be listed
// Columns: kind, document, ref, departments, other_document, other_ref, other_departments, score, duty
// Order: kind, -score, document, ref, departments, other_document, other_ref
// Computed: fsgraph.questions.overlaps_from_rows
//
// This query fetches every role on every task; fsgraph.questions.overlaps_from_rows computes the answer:
//   leads    a task with more than one lead (牵头); departments lists them, score is how many
//   similar  two tasks, in one document or two, whose departments differ and which share a
//            near-identical duty: a clause of at least 8 characters (bracketed attributions left out)
//            whose character 2–3-gram TF-IDF vector has a cosine similarity of at least threshold with
//            one of the other task's; score is the best similarity, duty the first task's clause
//   shared   two departments holding a role in at least min_shared of the same tasks; score is the count
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)<-[:LEADS]-(d)
RETURN DISTINCT p.file AS document, t.ref AS ref, t.text AS text, d.name AS department, 'lead' AS role
UNION ALL
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)<-[:RESPONSIBLE_FOR]-(d)
RETURN DISTINCT p.file AS document, t.ref AS ref, t.text AS text, d.name AS department, 'responsible' AS role
UNION ALL
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)<-[:SUPPORTS]-(d)
RETURN DISTINCT p.file AS document, t.ref AS ref, t.text AS text, d.name AS department, 'support' AS role

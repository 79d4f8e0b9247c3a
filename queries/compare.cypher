// Question: compare
// Answers: Across jurisdictions, which department categories lead or are responsible for duties like a topic or a task
// Parameter topic (text, required, argument): words of a duty (明厨亮灶, 餐厨废弃物), or a task as DOCUMENT:REF (002_c0b8b7f66cffa162:二.(九).17)
// Parameter threshold (number, default 0.6): the least cosine similarity of a duty to the topic for its task to count
// Columns: region, category, role, tasks, departments, refs
// Order: region, category, role
// Computed: fsgraph.questions.compare_from_rows
//
// This query fetches every role on every task with the department's category and jurisdiction
// (supporters too: the duties of every task weigh the n-grams), one holder a row (role, department,
// category and jurisdiction joined by tabs; the SPARQL groups a task's holders in one row);
// fsgraph.questions.compare_from_rows keeps the tasks whose text contains the topic, or one of whose
// duties (clauses) is similar to it (character 2–3-gram TF-IDF, cosine at least threshold;
// for a task given as DOCUMENT:REF, similar to one of that task's duties), and counts them per
// jurisdiction, category and role.
// departments and refs list the departments and tasks counted (separated by 、).
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)<-[:LEADS]-(d)
RETURN DISTINCT p.file AS document, t.ref AS ref, t.text AS text,
       'lead\t' + d.name + '\t' + coalesce(d.category, '') + '\t' + coalesce(d.jurisdiction, '') AS holders
UNION ALL
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)<-[:RESPONSIBLE_FOR]-(d)
RETURN DISTINCT p.file AS document, t.ref AS ref, t.text AS text,
       'responsible\t' + d.name + '\t' + coalesce(d.category, '') + '\t' + coalesce(d.jurisdiction, '') AS holders
UNION ALL
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)<-[:SUPPORTS]-(d)
RETURN DISTINCT p.file AS document, t.ref AS ref, t.text AS text,
       'support\t' + d.name + '\t' + coalesce(d.category, '') + '\t' + coalesce(d.jurisdiction, '') AS holders

// Question: no-deadline
// Answers: Tasks with no deadline at all (no time limit written, not even 持续实施)
// Columns: document, ref, line, text
// Order: document, line, ref
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)
WHERE NOT EXISTS { MATCH (t)-[:HAS_DEADLINE]->() } AND t.deadline_text IS NULL
RETURN DISTINCT p.file AS document, t.ref AS ref, t.line AS line, t.text AS text

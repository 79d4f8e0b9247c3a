// Question: no-lead
// Answers: Tasks with neither a lead (牵头) nor a responsible (责任) department; supporters, if any, are listed
// Columns: document, ref, line, supporters, text
// Order: document, line, ref
//
// supporters counts the departments that support (配合) the task: a task may have only those.
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)
WHERE NOT EXISTS { MATCH (t)<-[:LEADS|RESPONSIBLE_FOR]-() }
OPTIONAL MATCH (t)<-[:SUPPORTS]-(s)
RETURN p.file AS document, t.ref AS ref, t.line AS line, count(DISTINCT s) AS supporters, t.text AS text

// Question: collective-only
// Answers: Tasks assigned only to collectives (各级政府, 各县区政府, 市食安委各成员单位…), no single department named
// Columns: document, ref, line, role, collective, members, text
// Order: document, line, ref, role, collective
//
// One row per collective and role. members counts the departments the documents name as the
// collective's members (seed 000 defines 市食品安全监管部门 as nine); 0 means nobody is named.
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)<-[:LEADS]-(c:Collective)
WHERE NOT EXISTS { MATCH (t)<-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]-(:Department) }
OPTIONAL MATCH (m)-[:MEMBER_OF]->(c)
RETURN p.file AS document, t.ref AS ref, t.line AS line, 'lead' AS role, c.name AS collective,
       count(DISTINCT m) AS members, t.text AS text
UNION ALL
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)<-[:RESPONSIBLE_FOR]-(c:Collective)
WHERE NOT EXISTS { MATCH (t)<-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]-(:Department) }
OPTIONAL MATCH (m)-[:MEMBER_OF]->(c)
RETURN p.file AS document, t.ref AS ref, t.line AS line, 'responsible' AS role, c.name AS collective,
       count(DISTINCT m) AS members, t.text AS text
UNION ALL
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)<-[:SUPPORTS]-(c:Collective)
WHERE NOT EXISTS { MATCH (t)<-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]-(:Department) }
OPTIONAL MATCH (m)-[:MEMBER_OF]->(c)
RETURN p.file AS document, t.ref AS ref, t.line AS line, 'support' AS role, c.name AS collective,
       count(DISTINCT m) AS members, t.text AS text

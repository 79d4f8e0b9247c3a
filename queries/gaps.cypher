// Question: gaps
// Answers: Targets no task with a department serves, departments named but never assigned anything, and tasks whose deadline has passed
// Parameter as_of (date, default today): the day on which a deadline counts as passed (YYYY-MM-DD)
// Columns: gap, document, item, detail, due, year, line
// Order: gap, document, line, item
//
// gap is one of:
//   unserved target       a target stated outside any task that has a lead, responsible or supporting
//                         department (item: indicator, detail: value as written, year: the year it is due)
//   unassigned department a department or collective a document names (in a role list, as issuer or
//                         as member of a collective) that holds no role anywhere; bodies known only as
//                         the successor of a renamed one (2018 reform) are not named by any document
//                         (item: its name, detail: the collective it belongs to, if any)
//   overdue task          a task whose latest dated deadline is before as_of (item: its numbering,
//                         detail: the deadline as written); ongoing (持续实施), recurring (每年…) and
//                         duration (用2—3年时间) deadlines carry no date and never pass
// An empty column of a part is CASE WHEN false THEN … END: LadybugDB needs its type to join the parts.
MATCH (p:Policy)-[:HAS_TARGET]->(x:Target)
WHERE NOT EXISTS { MATCH (x)-[:PART_OF]->(:Task)<-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]-() }
RETURN DISTINCT 'unserved target' AS gap, p.file AS document, x.indicator AS item, x.value AS detail,
       CASE WHEN false THEN '' END AS due, x.year AS year, x.line AS line
UNION ALL
MATCH (d:Department|Collective)
WHERE NOT EXISTS { MATCH (d)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->() }
  AND (EXISTS { MATCH (d)-[:MEMBER_OF]->() } OR EXISTS { MATCH (d)<-[:ISSUED_BY]-() }
       OR NOT EXISTS { MATCH (d)<-[:SUCCEEDED_BY]-() })
OPTIONAL MATCH (d)-[:MEMBER_OF]->(c)
RETURN DISTINCT 'unassigned department' AS gap, CASE WHEN false THEN '' END AS document, d.name AS item,
       c.name AS detail, CASE WHEN false THEN '' END AS due, CASE WHEN false THEN 0 END AS year,
       CASE WHEN false THEN 0 END AS line
UNION ALL
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)
WHERE t.due_date IS NOT NULL AND t.due_date < $as_of
RETURN DISTINCT 'overdue task' AS gap, p.file AS document, t.ref AS item, t.deadline_text AS detail,
       t.due_date AS due, CASE WHEN false THEN 0 END AS year, t.line AS line

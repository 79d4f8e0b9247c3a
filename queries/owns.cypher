// Question: owns
// Answers: Everything a department leads, is responsible for or supports, directly and through the collectives it belongs to
// Parameter department (text, argument): the department as written (市农委), its canonical name or an alias; "" for any
// Parameter department_form (text, derived): set by the runner from department: the name as the alias table
//   spells it, {} for the place (市农业委员会 → {}农业委员会); "" to match names and aliases only
// Parameter department_level (text, derived): set by the runner: the level department's prefix points at (市, 区…)
// Parameter department_name (label, derived): set by the runner: department as a name written in the documents
// Parameter department_kind (node, derived): set by the runner: the category node of the kind of body
//   department names without its place (市农委 → agriculture), or of category when no department is asked
// Parameter every_department (node, derived): set by the runner: fs:Department when neither department nor category is asked
// Parameter every_collective (node, derived): set by the runner: fs:Collective when neither is asked
// Parameter category (text): a department category such as agriculture or market_regulation; "" for any
// Parameter jurisdiction (text): the department's jurisdiction, such as 阜新市; "" for any
// Columns: name, region, role, via, document, ref, deadline, due, line, quote
// Order: name, document, line, role, ref
//
// A role held by a collective (市食品安全监管部门, which seed 000 defines as nine departments) is
// also owned by each of its members; via names the collective and is empty for a role held directly.
// region is the department's jurisdiction; line and quote are where the role is written.
// One part per role kind: the relationship type is the role, and type(r) is not in every engine.
MATCH (d:Department|Collective)-[:MEMBER_OF*0..1]->(c)-[r:LEADS]->(t:Task)<-[:HAS_TASK]-(p:Policy)
WHERE ($department = '' OR d.name = $department OR $department IN d.aliases
       OR ($department_form <> '' AND d.name = replace($department_form, '{}', d.jurisdiction)
           AND ($department_level = '' OR d.level = $department_level)))
  AND ($category = '' OR d.category = $category)
  AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction)
RETURN DISTINCT d.name AS name, d.jurisdiction AS region, 'lead' AS role,
       CASE WHEN c.id = d.id THEN null ELSE c.name END AS via, p.file AS document, t.ref AS ref,
       t.deadline_text AS deadline, t.due_date AS due, r.line AS line, r.quote AS quote
UNION ALL
MATCH (d:Department|Collective)-[:MEMBER_OF*0..1]->(c)-[r:RESPONSIBLE_FOR]->(t:Task)<-[:HAS_TASK]-(p:Policy)
WHERE ($department = '' OR d.name = $department OR $department IN d.aliases
       OR ($department_form <> '' AND d.name = replace($department_form, '{}', d.jurisdiction)
           AND ($department_level = '' OR d.level = $department_level)))
  AND ($category = '' OR d.category = $category)
  AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction)
RETURN DISTINCT d.name AS name, d.jurisdiction AS region, 'responsible' AS role,
       CASE WHEN c.id = d.id THEN null ELSE c.name END AS via, p.file AS document, t.ref AS ref,
       t.deadline_text AS deadline, t.due_date AS due, r.line AS line, r.quote AS quote
UNION ALL
MATCH (d:Department|Collective)-[:MEMBER_OF*0..1]->(c)-[r:SUPPORTS]->(t:Task)<-[:HAS_TASK]-(p:Policy)
WHERE ($department = '' OR d.name = $department OR $department IN d.aliases
       OR ($department_form <> '' AND d.name = replace($department_form, '{}', d.jurisdiction)
           AND ($department_level = '' OR d.level = $department_level)))
  AND ($category = '' OR d.category = $category)
  AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction)
RETURN DISTINCT d.name AS name, d.jurisdiction AS region, 'support' AS role,
       CASE WHEN c.id = d.id THEN null ELSE c.name END AS via, p.file AS document, t.ref AS ref,
       t.deadline_text AS deadline, t.due_date AS due, r.line AS line, r.quote AS quote

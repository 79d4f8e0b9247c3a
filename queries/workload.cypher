// Question: workload
// Answers: Per department, how many tasks it holds, counted by role, by document and by deadline year
// Parameter department (text, argument): the department as written, its canonical name or an alias; "" for all
// Parameter department_form (text, derived): set by the runner from department: the name as the alias table
//   spells it, {} for the place (市农业委员会 → {}农业委员会); "" to match names and aliases only
// Parameter department_level (text, derived): set by the runner: the level department's prefix points at (市, 区…)
// Parameter department_name (label, derived): set by the runner: department as a name written in the documents
// Parameter department_kind (node, derived): set by the runner: the category node of the kind of body
//   department names without its place (市农委 → agriculture)
// Parameter every_department (node, derived): set by the runner: fs:Department when no department is asked
// Parameter every_collective (node, derived): set by the runner: fs:Collective when no department is asked
// Parameter jurisdiction (text): the department's jurisdiction, such as 阜新市; "" for any
// Columns: name, region, by, value, tasks
// Order: name, by, value
// Computed: fsgraph.questions.workload_from_rows
//
// by is role (value: lead, responsible, support), document (value: file name) or year (value: the
// year of the task's latest dated deadline, empty for tasks without one). tasks counts distinct tasks
// the department holds a role in directly; roles held through a collective are shown by owns.
//
// A row is one role on a task: its document, ref and due date, and the holder, its role, name and
// jurisdiction joined by tabs; fsgraph.questions.workload_from_rows counts the tasks (see workload.rq).
MATCH (d:Department|Collective)-[:LEADS]->(t:Task)<-[:HAS_TASK]-(p:Policy)
WHERE ($department = '' OR d.name = $department OR $department IN d.aliases
       OR ($department_form <> '' AND d.name = replace($department_form, '{}', d.jurisdiction)
           AND ($department_level = '' OR d.level = $department_level)))
  AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction)
RETURN DISTINCT p.file AS document, t.ref AS ref, t.due_date AS due,
       'lead\t' + d.name + '\t' + coalesce(d.jurisdiction, '') AS holders
UNION ALL
MATCH (d:Department|Collective)-[:RESPONSIBLE_FOR]->(t:Task)<-[:HAS_TASK]-(p:Policy)
WHERE ($department = '' OR d.name = $department OR $department IN d.aliases
       OR ($department_form <> '' AND d.name = replace($department_form, '{}', d.jurisdiction)
           AND ($department_level = '' OR d.level = $department_level)))
  AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction)
RETURN DISTINCT p.file AS document, t.ref AS ref, t.due_date AS due,
       'responsible\t' + d.name + '\t' + coalesce(d.jurisdiction, '') AS holders
UNION ALL
MATCH (d:Department|Collective)-[:SUPPORTS]->(t:Task)<-[:HAS_TASK]-(p:Policy)
WHERE ($department = '' OR d.name = $department OR $department IN d.aliases
       OR ($department_form <> '' AND d.name = replace($department_form, '{}', d.jurisdiction)
           AND ($department_level = '' OR d.level = $department_level)))
  AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction)
RETURN DISTINCT p.file AS document, t.ref AS ref, t.due_date AS due,
       'support\t' + d.name + '\t' + coalesce(d.jurisdiction, '') AS holders

// Question: departments
// Answers: The departments and collectives the documents name: canonical name, jurisdiction, category, and how many tasks and documents they hold roles in
// Parameter department (text, argument): a department as written (市农委), its canonical name or an alias; "" for all
// Parameter department_form (text, derived): set by the runner from department: the name as the alias table
//   spells it, {} for the place (市农业委员会 → {}农业委员会); "" to match names and aliases only
// Parameter department_level (text, derived): set by the runner: the level department's prefix points at (市, 区…)
// Parameter department_name (label, derived): set by the runner: department as a name written in the documents
// Parameter department_kind (node, derived): set by the runner: the category node of the kind of body
//   department names without its place (市农委 → agriculture)
// Parameter every_department (node, derived): set by the runner: fs:Department when no department is asked
// Parameter every_collective (node, derived): set by the runner: fs:Collective when no department is asked
// Parameter jurisdiction (text): only departments of this jurisdiction, such as 阜新市; "" for any
// Parameter match (text): only departments whose canonical name contains this text, such as 农业; "" for any
// Columns: name, region, category, tasks, documents
// Order: name, region
//
// What the store calls a department (`fsgraph ask departments 农委` finds 市农业委员会 through the
// alias table): tasks counts the distinct tasks it holds a role in directly, documents the documents
// those tasks are in; a department named only as a member of a collective holds none (0). category
// is the kind of body (market_regulation, agriculture…), empty when the name says none.
//
// The departments asked for, or every one, each with the tasks it holds a role in and their documents.
MATCH (d:Department|Collective)
WHERE ($department = '' OR d.name = $department OR $department IN d.aliases
       OR ($department_form <> '' AND d.name = replace($department_form, '{}', d.jurisdiction)
           AND ($department_level = '' OR d.level = $department_level)))
  AND ($jurisdiction = '' OR d.jurisdiction = $jurisdiction)
  AND ($match = '' OR d.name CONTAINS $match)
OPTIONAL MATCH (d)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t:Task)<-[:HAS_TASK]-(p:Policy)
RETURN d.name AS name, d.jurisdiction AS region, d.category AS category, count(DISTINCT t) AS tasks,
       count(DISTINCT p) AS documents

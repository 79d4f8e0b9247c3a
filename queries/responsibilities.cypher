// Question: responsibilities
// Answers: Every task with every role assignment on it (one row each; a task nobody is named for gives one row without a department): the responsibility map, matrix and ledger read this
// Parameter document (text): a document id (file name without suffix) or file name; "" for any
// Parameter document_graph (node, derived): set by the runner: the named graph of the document asked for
//   (its id: the file name without a known suffix); left a variable, any document's graph, when none is
// Parameter department (text): the tasks one of whose departments has this canonical name or alias (as written); "" for any
// Parameter department_name (label, derived): set by the runner: department as a name written in the documents
// Parameter category (text): the tasks one of whose departments is of this category (e.g. market_regulation); "" for any
// Parameter category_node (node, derived): set by the runner: the node of category; fs:Nothing when none is asked
// Parameter every_task (node, derived): set by the runner: fs:SourceDocument when neither department nor
//   category is asked (the tasks of the document asked for, or of every document), else fs:Nothing
// Columns: doc, file, doc_title, task, ref, task_title, text, line, section, deadline, due,
//   assignment, role, dept, dept_name, dept_category, jurisdiction, role_line, quote, sentence
// Order: doc, line, task, role, role_line, dept_name
//
// section is the title of the task's nearest heading, the section the build linked it to (UNDER_HEADING:
// the last heading above it, a row of a task table's own section rows counting, the preamble and notes not).
// role is lead (牵头), responsible (责任单位) or support (配合).
// sentence is the sentence the assignment governs when a task carries one attribution per sentence.
// Cypher has no way to name a relationship's type that LadybugDB reads too (no type(r)), so each
// role is its own part of a UNION ALL, and a fourth part gives the tasks nobody is named for.

MATCH (p:Policy)-[:HAS_TASK]->(t:Task)
WHERE ($document = "" OR p.key = $document OR p.file = $document)
  AND ($department = "" OR EXISTS {
    MATCH (x:Department|Collective)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t)
    WHERE x.name = $department OR $department IN x.aliases
  })
  AND ($category = "" OR EXISTS {
    MATCH (x:Department|Collective)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t) WHERE x.category = $category
  })
OPTIONAL MATCH (t)-[:UNDER_HEADING]->(nearest:Section)
WITH p, t, nearest.title AS section
MATCH (d:Department|Collective)-[r:LEADS]->(t)
RETURN p.key AS doc, p.file AS file, p.title AS doc_title, t.id AS task, t.ref AS ref,
       t.title AS task_title, t.text AS text, t.line AS line, section, t.deadline_text AS deadline,
       t.due_date AS due, r.key AS assignment, "lead" AS role, d.id AS dept, d.name AS dept_name,
       d.category AS dept_category, d.jurisdiction AS jurisdiction, r.line AS role_line, r.quote AS quote,
       r.sentence_text AS sentence

UNION ALL

MATCH (p:Policy)-[:HAS_TASK]->(t:Task)
WHERE ($document = "" OR p.key = $document OR p.file = $document)
  AND ($department = "" OR EXISTS {
    MATCH (x:Department|Collective)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t)
    WHERE x.name = $department OR $department IN x.aliases
  })
  AND ($category = "" OR EXISTS {
    MATCH (x:Department|Collective)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t) WHERE x.category = $category
  })
OPTIONAL MATCH (t)-[:UNDER_HEADING]->(nearest:Section)
WITH p, t, nearest.title AS section
MATCH (d:Department|Collective)-[r:RESPONSIBLE_FOR]->(t)
RETURN p.key AS doc, p.file AS file, p.title AS doc_title, t.id AS task, t.ref AS ref,
       t.title AS task_title, t.text AS text, t.line AS line, section, t.deadline_text AS deadline,
       t.due_date AS due, r.key AS assignment, "responsible" AS role, d.id AS dept, d.name AS dept_name,
       d.category AS dept_category, d.jurisdiction AS jurisdiction, r.line AS role_line, r.quote AS quote,
       r.sentence_text AS sentence

UNION ALL

MATCH (p:Policy)-[:HAS_TASK]->(t:Task)
WHERE ($document = "" OR p.key = $document OR p.file = $document)
  AND ($department = "" OR EXISTS {
    MATCH (x:Department|Collective)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t)
    WHERE x.name = $department OR $department IN x.aliases
  })
  AND ($category = "" OR EXISTS {
    MATCH (x:Department|Collective)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t) WHERE x.category = $category
  })
OPTIONAL MATCH (t)-[:UNDER_HEADING]->(nearest:Section)
WITH p, t, nearest.title AS section
MATCH (d:Department|Collective)-[r:SUPPORTS]->(t)
RETURN p.key AS doc, p.file AS file, p.title AS doc_title, t.id AS task, t.ref AS ref,
       t.title AS task_title, t.text AS text, t.line AS line, section, t.deadline_text AS deadline,
       t.due_date AS due, r.key AS assignment, "support" AS role, d.id AS dept, d.name AS dept_name,
       d.category AS dept_category, d.jurisdiction AS jurisdiction, r.line AS role_line, r.quote AS quote,
       r.sentence_text AS sentence

UNION ALL

MATCH (p:Policy)-[:HAS_TASK]->(t:Task)
WHERE ($document = "" OR p.key = $document OR p.file = $document)
  AND ($department = "" OR EXISTS {
    MATCH (x:Department|Collective)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t)
    WHERE x.name = $department OR $department IN x.aliases
  })
  AND ($category = "" OR EXISTS {
    MATCH (x:Department|Collective)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t) WHERE x.category = $category
  })
OPTIONAL MATCH (t)-[:UNDER_HEADING]->(nearest:Section)
WITH p, t, nearest.title AS section
// No role on the task: the OPTIONAL MATCH finds nothing and gives nulls of the columns' types.
MATCH (t) WHERE NOT EXISTS { MATCH (:Department|Collective)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t) }
OPTIONAL MATCH (d:Department|Collective)-[r:LEADS]->(t)
RETURN p.key AS doc, p.file AS file, p.title AS doc_title, t.id AS task, t.ref AS ref,
       t.title AS task_title, t.text AS text, t.line AS line, section, t.deadline_text AS deadline,
       t.due_date AS due, r.key AS assignment, CASE WHEN r IS NULL THEN null ELSE "lead" END AS role,
       d.id AS dept, d.name AS dept_name, d.category AS dept_category, d.jurisdiction AS jurisdiction,
       r.line AS role_line, r.quote AS quote, r.sentence_text AS sentence

// Question: lineage
// Answers: The chain of parent policies above a document, and the documents that cite it, as a citation DAG
// Parameter document (text, required, argument): a document's file name or id, its title or 文号 (part of a title will do)
// Parameter document_node (node, derived): set by the runner: the node of the document whose id document is
//   (the file name without a known suffix)
// Parameter document_title (label, derived): set by the runner: document as a title written in the documents
// Parameter title_search (node, derived): set by the runner: fs:Policy, whose titles are searched for
//   document, unless document is a file name (a known suffix), which is looked up as one only: fs:Nothing
// Columns: document, relation, depth, title, number, file, via, scope, cue, line
// Order: document, relation, depth, via, line, title
// Computed: fsgraph.network.lineage_from_rows
//
// This query fetches every citation (CITES: citing document, cited policy, scope, cue, line) and
// every SAME_AS between a cited policy and the corpus document it is; fsgraph.network builds the
// citation DAG with networkx (a cited policy and its corpus document are one node) and walks it:
//   parent    a policy the document cites, or that a parent cites in turn (depth 1 = cited directly);
//             via is the citing document of that citation
//   cited by  a document that cites it, directly or through others; via is the document it cites
// scope is document (根据…制定, the basis of the whole document) or body (cited in a measure).
MATCH (s:Policy)-[c:CITES]->(t:Policy)
RETURN DISTINCT 'cites' AS relation, s.id AS source, s.title AS source_title, s.number AS source_number,
       s.file AS source_file, t.id AS target, t.title AS target_title, t.number AS target_number,
       t.file AS target_file, c.scope AS scope, c.cue AS cue, c.line AS line
UNION ALL
MATCH (s:Policy)-[:SAME_AS]->(t:Policy)
RETURN DISTINCT 'same' AS relation, s.id AS source, s.title AS source_title, s.number AS source_number,
       s.file AS source_file, t.id AS target, t.title AS target_title, t.number AS target_number,
       t.file AS target_file, CASE WHEN false THEN '' END AS scope, CASE WHEN false THEN '' END AS cue,
       CASE WHEN false THEN 0 END AS line

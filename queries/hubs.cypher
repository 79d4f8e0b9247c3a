// Question: hubs
// Answers: Departments by their centrality in the network of departments that share tasks
// Parameter jurisdiction (text): only departments of this jurisdiction, such as 阜新市; "" for all
// Columns: name, region, partners, shared, degree, betweenness
// Order: -betweenness, -degree, name
// Computed: fsgraph.network.hubs_from_rows
//
// This query fetches every department (or collective) with every task it holds a role in;
// fsgraph.network joins two departments when they hold roles in the same task (weight: the number of
// such tasks) and ranks them with networkx: partners is the number of departments it shares tasks
// with, shared the tasks so shared (summed over partners), degree networkx's degree centrality and
// betweenness its betweenness centrality (unweighted, normalised), rounded to 4 places.
// One holder a row: the department's name and jurisdiction joined by a tab (the SPARQL groups a
// task's holders in one row).
MATCH (d)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t:Task)
WHERE $jurisdiction = '' OR d.jurisdiction = $jurisdiction
RETURN DISTINCT t.id AS task, d.name + '\t' + coalesce(d.jurisdiction, '') AS holders

// Question: clusters
// Answers: Communities of departments that work together: groups sharing more tasks within than across
// Parameter jurisdiction (text): only departments of this jurisdiction, such as 阜新市; "" for all
// Columns: cluster, name, region, size, inside
// Order: cluster, name
// Computed: fsgraph.network.clusters_from_rows
//
// This query fetches every department (or collective) with every task it holds a role in;
// fsgraph.network joins two departments when they hold roles in the same task (weight: the number of
// such tasks) and splits the network into communities by greedy modularity (networkx, weighted).
// cluster numbers communities from 1, largest first; size is the community's number of departments
// and inside the number of the department's shared tasks that are with members of its community.
// One holder a row: the department's name and jurisdiction joined by a tab (the SPARQL groups a
// task's holders in one row).
MATCH (d)-[:LEADS|RESPONSIBLE_FOR|SUPPORTS]->(t:Task)
WHERE $jurisdiction = '' OR d.jurisdiction = $jurisdiction
RETURN DISTINCT t.id AS task, d.name + '\t' + coalesce(d.jurisdiction, '') AS holders

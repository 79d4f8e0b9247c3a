// Question: timeline
// Answers: Dated deadlines by year and quarter, per document: how many deadlines and tasks fall due
// Parameter jurisdiction (text): the document's jurisdiction, such as 阜新市; "" for all
// Columns: year, quarter, document, deadlines, tasks
// Order: year, quarter, document
//
// Every deadline with a calendar date counts (a task with 2018年底前 and 2020年底前 counts in both
// years); ongoing, recurring and duration deadlines have none. quarter is Q1…Q4.
MATCH (p:Policy)-[:HAS_TASK]->(t:Task)-[:HAS_DEADLINE]->(x:Deadline)
WHERE size(x.date) = 10
  AND ($jurisdiction = '' OR EXISTS { MATCH (p)-[:IN_JURISDICTION]->(j:Jurisdiction) WHERE j.name = $jurisdiction })
WITH p, t, x, left(x.date, 4) AS year, right(left(x.date, 7), 2) AS month
RETURN year,
       CASE WHEN month <= '03' THEN 'Q1' WHEN month <= '06' THEN 'Q2' WHEN month <= '09' THEN 'Q3' ELSE 'Q4' END
         AS quarter,
       p.file AS document, count(DISTINCT x) AS deadlines, count(DISTINCT t) AS tasks

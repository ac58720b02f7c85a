DROP TABLE interaction_edges;

"""Export a world: RDF through rdflib (rdf.py) and graphs through networkx (graph.py)."""

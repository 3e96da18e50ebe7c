"""Who and what a text names: names and their keys, mentions clustered into entities, a short
name linked to the full name it fits, and who "he", "she", "it" and "the minister" stand for."""

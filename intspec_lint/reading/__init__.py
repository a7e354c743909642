"""The meaning layer: the Spec model and the extractors that build it from a Document."""

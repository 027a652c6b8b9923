"""Stage: evaluation. Probes of a model's beliefs, derived from the world graph."""

from worldspec.evaluate.probes import Probe, make_probes

__all__ = ["Probe", "make_probes"]

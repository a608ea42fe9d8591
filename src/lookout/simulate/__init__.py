"""The synthetic county: a realistic multi-agency extract drop with its ground truth.

``simulate_county`` writes ``drop/`` (data contract v1) and ``truth/`` (see
docs/simulator-truth.md); see docs/simulator.md for what is modelled and why.
"""

from .county import SimulationSummary, simulate_county

__all__ = ["SimulationSummary", "simulate_county"]

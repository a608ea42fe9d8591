"""Networks: the adults, places, vehicles and phones that keep meeting children at risk.

A graph of co-occurrence in the linked warehouse (`edges`, `graph`), suspected exploitation
networks found in it by three rules (`detect`), ranked and explained with the records behind
every edge (`stage`, `explain`), and drawn with pseudonymous labels (`draw`).
"""

from lookout.networks.stage import NetworkReport, run_networks

__all__ = ["NetworkReport", "run_networks"]

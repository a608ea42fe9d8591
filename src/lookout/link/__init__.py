"""Identity resolution: the same child and the same adult across agencies, without a shared id.

Person-records from every source are standardised, compared with a Fellegi-Sunter model
(Splink, on DuckDB by default or Spark), clustered into Lookout person ids that stay stable
across runs, and explained pair by pair. Uncertain pairs go to clerical review, and people's
decisions win over the model. Vehicles, phones and places become entities by normalised key.
"""

from lookout.link.engine import ENGINES
from lookout.link.stage import LinkReport, link_workspace

__all__ = ["ENGINES", "LinkReport", "link_workspace"]

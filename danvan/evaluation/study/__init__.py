"""The study period's figures: yearly figures of the old communes (e.g. 2010–2016) imported
from the reports of the time, carried into their successors like the monthly history."""

"""The formats the field reads: PLOVER JSON Lines, GDELT 2.0 events, GeoJSON, typed Parquet.

Each is a writer over (event, article) pairs that :mod:`eventwire.export` picks by name;
``formats.parquet`` is imported only when asked for (it needs pyarrow).
"""

from eventwire.formats.extras import ArticleExtras, Coverage, Extras, no_extras
from eventwire.formats.gdelt import COLUMN_NAMES as GDELT_COLUMNS
from eventwire.formats.gdelt import gdelt_row, write_gdelt
from eventwire.formats.geojson import geojson_writer
from eventwire.formats.plover import REQUIRED as PLOVER_REQUIRED
from eventwire.formats.plover import plover_record, write_plover

__all__ = [
    "GDELT_COLUMNS",
    "PLOVER_REQUIRED",
    "ArticleExtras",
    "Coverage",
    "Extras",
    "gdelt_row",
    "geojson_writer",
    "no_extras",
    "plover_record",
    "write_gdelt",
    "write_plover",
]

"""Resolution stages: dates onto the calendar, places onto the map."""

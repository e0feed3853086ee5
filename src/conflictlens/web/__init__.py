"""Server-rendered pages of the analyst's workspace: map, timeline, incidents, review queue."""

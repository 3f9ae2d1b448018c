"""The segments page's views without Qt: sizes, overlaps, the largest intersections and the projection
of clients with the population forecast, drawn on a matplotlib figure (desktop.charts.segments) with
the table shown beside it. Small groups are written "<5" and their complements ".."
(desktop.services.segments' shown_* tables), as in the workshop report."""

from __future__ import annotations

from desktop.core.lang import t

#: the page's views, in the order of its tabs
VIEWS = ("sizes", "overlaps", "upset", "projection")


def no_forecast_text() -> str:
    return t("Ennusteeseen tarvitaan perusvuoden väestö ja väestöennuste.",
             "A forecast needs the base-year population and a population forecast.")


class SegmentFigures:
    """The figure part of SegmentsPresenter (uses its membership, population and caches)."""

    def known_population(self):
        """The population, None when the store has none."""
        return self.population if self.population is not None and len(self.population) else None

    def segment_sizes(self, m, population):
        """segment_sizes of `m` (every year), computed once per membership."""
        from desktop.analysis.segments import segment_sizes

        if self._sizes is None or self._sizes[0] is not m:
            self._sizes = (m, segment_sizes(m, population))
        return self._sizes[1]

    def projection_from(self, m, population, year: int, forecast: list[int]):
        """project_clients of `m` from `year` to the `forecast` years, computed once per membership
        and year (the newest year's by the background load)."""
        from desktop.analysis.segments import project_clients

        if self._projection is None or self._projection[0] is not m:
            self._projection = (m, {})
        tables = self._projection[1]
        if year not in tables:
            tables[year] = project_clients(m, population, year, forecast)
        return tables[year]

    def draw_view(self, key: str, figure, year: int | None):
        """Draw view `key` of `year` on `figure`; the table shown beside it (None: an empty table).
        Without a membership or a year the figure is cleared."""
        from desktop.analysis.segments import population_years
        from desktop.charts import segments as charts
        from desktop.services import segments as svc

        m = self.membership
        if m is None or year is None:
            figure.clear()
            return None
        min_group = self.min_group()
        pop = self.known_population()
        total = m.total_persons(year)
        if key == "sizes":
            table = svc.shown_segment_sizes(m, self.segment_sizes(m, pop), year, min_group)
            charts.draw_segment_sizes(figure, table, year)  # hidden sizes and their complements empty
            return table[svc.size_columns(table)]
        if key == "overlaps":
            frame = svc.shown_overlaps(m, year, min_group)
            charts.draw_overlap_matrix(figure, m.names, frame[m.names].to_numpy(dtype=object), total)
            return frame
        if key == "upset":
            shown = svc.shown_intersections(m, year, min_group)
            charts.draw_upset(figure, m.names, m.intersections(year), total, shown=list(shown["persons"]))
            return shown
        forecast = [y for y in population_years(pop) if y > year] if pop is not None else []
        if not forecast or year not in population_years(pop):
            figure.clear()
            figure.text(0.05, 0.5, no_forecast_text())
            return None
        shown = svc.shown_projection(m, self.projection_from(m, pop, year, forecast), min_group)
        hidden = svc.segment_suppression(m, year, min_group)[0].hidden
        hidden_names = {name for name, h in zip(m.names, hidden, strict=True) if h}
        charts.draw_projection(figure, shown, hidden=sorted(hidden_names))
        return shown[["segment", "year", "clients", "kind"]].rename(columns={"clients": "persons"})

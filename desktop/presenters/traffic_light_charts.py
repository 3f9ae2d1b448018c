"""Which report page each tab of the traffic lights page shows (Qt-free): the segments (or a drilled
segment's services), the change between years, the service structure, the largest services, the
municipalities, the comparison with a reference project, the personnel by level and the reconciliation
with the ledger. Each is the `desktop.reports` page the PDF report uses; a UserError says in the
planner's words why a chart cannot be drawn (the page shows it on the chart)."""

from __future__ import annotations

from desktop.core.errors import UserError
from desktop.core.lang import t
from desktop.reports.pages import ReportPage


def chart_page(presenter, key: str, years: list[int], filters: dict, measure: str, dim: str = "segment",
               result=None) -> ReportPage:
    """The report page of the tab `key` for the presenter's figures (`presenter.data`): `years`, the
    slicers' and drill-down's `filters`, the `measure`; the central chart's rows by `dim`, with its
    table `result` when the background load computed it."""
    from desktop.reports import traffic_light as pages

    data = presenter.data
    if key == "central":
        if result is None:
            result = data.table((dim,), years, filters)
        return pages.central_page(data, years, filters, measure, dim, result=result)
    if key == "shift":
        earlier = [y for y in data.years if y < years[-1]]
        if not earlier:
            raise UserError(t("Muutoksen näyttämiseen tarvitaan kaksi vuotta.", "Showing a change needs two years."))
        from desktop.services.traffic_light_targets import targets_with_status

        start = years[0] if len(years) > 1 else earlier[-1]
        return pages.shift_page(data, start, years[-1], filters, measure, targets_with_status(data, filters))
    if key == "structure":
        return pages.structure_page(data, years, filters)
    if key == "pareto":
        return pages.pareto_page(data, years, filters, measure if measure != "clients" else "cost_eur")
    if key == "municipalities":
        return pages.municipality_page(data, years, filters)
    if key == "staff":
        return staff_page(data, years, filters)
    if key == "books":
        return reconciliation_page(data, years, filters)
    return comparison_page(presenter, years, filters)


def staff_page(data, years, filters) -> ReportPage:
    """The FTEs of green / yellow / red services by segment."""
    from desktop.reports import resources as resource_reports

    page = resource_reports.staff_level_page(data, years, filters)
    if page is None and filters:
        raise UserError(t("Valittujen rajausten tapahtumille ei ole kohdennettu henkilöstöä.",
                          "No personnel is allocated to the events of the chosen filters."))
    if page is None:
        raise UserError(t("Projektissa ei ole henkilöstötietoja palveluille kohdennettuna. Tuo henkilöstö "
                          "(Tiedosto > Tuo, laji Henkilöstö) ja kohdenna se palveluihin Palveluluokitus-sivulla.",
                          "The project has no personnel allocated to services. Import the personnel "
                          "(File > Import, kind Personnel) and allocate it to services on the Classification page."))
    return page


def reconciliation_page(data, years, filters) -> ReportPage:
    """The ledger's euros beside the events' euros (Täsmäytys)."""
    from desktop.reports import resources as resource_reports

    page = resource_reports.reconciliation_page(data, years, filters)
    if page is None and filters:
        raise UserError(t("Valittujen rajausten tapahtumille ei ole kohdennettu kirjanpidon euroja.",
                          "No ledger euros are allocated to the events of the chosen filters."))
    if page is None:
        raise UserError(t("Valitulta vuodelta ei ole kirjanpidon rivejä. Tuo talouden tiedot "
                          "(Tiedosto > Tuo, laji Talous).",
                          "There are no ledger rows for the selected year. Import the finance data "
                          "(File > Import, kind Finance)."))
    return page


def comparison_page(presenter, years, filters) -> ReportPage:
    """The project's shares beside the reference project's (Vertailu)."""
    from desktop.charts.traffic_lights import draw_comparison, filters_subtitle
    from desktop.services.traffic_lights import comparison_table

    if presenter.reference is None:
        raise UserError(t("Avaa vertailuprojekti (toinen hyvinvointialue tai saman alueen toinen projekti).",
                          "Open a comparison project (another wellbeing services county or another project "
                          "of the same one)."))
    table = comparison_table(presenter.data, presenter.reference, years, filters)
    own, reference_name = presenter.own_name(), presenter.reference_name
    subtitle = filters_subtitle(years, filters) + t(" · vertailu: {0}", " · reference: {0}").format(
        table.attrs["reference_years"][-1])

    def draw(fig):
        draw_comparison(fig, table, own, reference_name, subtitle)

    return ReportPage(t("Vertailu", "Comparison"), draw, table, "")

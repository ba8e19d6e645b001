namespace Retention.Pipeline.Reports;

/// <summary>
/// The report's only stylesheet, inline (the page's CSP allows inline styles and nothing else): system fonts, so no
/// font is fetched; colours that print; charts that keep their size and scroll on narrow screens.
/// </summary>
public static class ReportStyles
{
    public const string Css = """
        :root { color-scheme: light; --ink: #1d2430; --muted: #5b6575; --line: #d9dee6; --accent: #2f6db5; --warm: #d0683a; --paper: #ffffff; --band: #f4f6f9; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--band); }
        header, main, footer { max-width: 1120px; margin: 0 auto; padding: 0 20px; }
        header { padding-top: 24px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h1 .shop { color: var(--accent); overflow-wrap: anywhere; }
        h2 { font-size: 19px; margin: 0 0 6px; }
        h3 { font-size: 16px; margin: 22px 0 6px; }
        header p, .intro, figcaption, footer { color: var(--muted); }
        nav { margin: 10px 0 4px; display: flex; flex-wrap: wrap; gap: 6px 14px; }
        nav a { color: var(--accent); text-decoration: none; }
        nav a:hover, nav a:focus { text-decoration: underline; }
        section { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 18px 20px; margin: 16px 0; }
        .banner { background: #fff7e6; border: 1px solid #f0d49b; border-radius: 8px; padding: 12px 16px; margin: 16px 0 0; }
        .no-data { background: var(--band); border: 1px dashed var(--line); border-radius: 6px; padding: 14px 16px; color: var(--muted); }
        .kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 12px; margin: 12px 0 0; }
        .kpi { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
        .kpi dt { font-size: 13px; color: var(--muted); }
        .kpi dd { margin: 0; }
        .kpi .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .kpi .note { font-size: 12px; color: var(--muted); }
        p.note { font-size: 13px; color: var(--muted); margin: 4px 0 12px; }
        figure.chart-frame { margin: 12px 0 6px; overflow-x: auto; }
        .pair { display: flex; flex-wrap: wrap; gap: 0 24px; }
        svg.chart { display: block; max-width: none; font-family: inherit; }
        svg .axis { font-size: 11px; fill: var(--muted); }
        svg .label { font-size: 12px; fill: var(--ink); }
        svg .value { font-size: 11px; fill: var(--ink); font-variant-numeric: tabular-nums; }
        svg .grid { stroke: var(--line); stroke-width: 1; }
        svg .grid.zero { stroke: #8c96a5; }
        svg .line { fill: none; stroke: var(--accent); stroke-width: 2; }
        svg .point { fill: var(--accent); }
        svg .point.partial { fill: var(--paper); stroke: var(--accent); stroke-width: 2; }
        svg .bar { fill: var(--accent); }
        svg .bar.series-1 { fill: #5f9ed1; }
        svg .bar.series-2 { fill: #a8b3c2; }
        svg .bar.series-0.risk, svg .bar.series-1.risk { fill: var(--warm); }
        svg .cell-text { font-size: 10px; fill: var(--ink); pointer-events: none; }
        svg .cell-text.dark { fill: #ffffff; }
        svg .cell.partial rect, svg .partial-swatch { stroke: var(--ink); stroke-width: 1; stroke-dasharray: 3 2; }
        svg .partial-swatch { fill: var(--paper); }
        svg .swatch { stroke: var(--line); }
        details.table { margin: 8px 0 0; }
        details.table summary { cursor: pointer; color: var(--accent); }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 13px; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
        td.num { text-align: right; }
        td.why { white-space: normal; min-width: 12em; }
        thead th { color: var(--muted); font-weight: 600; }
        code { font: 12px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere; white-space: normal; }
        footer { padding-bottom: 28px; font-size: 13px; }
        @media print { body { background: #fff; } section { break-inside: avoid; border: none; } nav { display: none; } }
        """;
}

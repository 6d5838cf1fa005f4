using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BpfTools.Pictures;

/// <summary>
/// Writes a report as one self-contained HTML page: a section per kind of record with, host by host, the counts,
/// top processes, errors and pictures, then the kind's sortable, filterable table. Every text that came from a
/// traced host is escaped; styles and the script are inlined, and the page's Content-Security-Policy lets it load
/// nothing from anywhere (only its own script and the flame graphs' run, by hash).
/// </summary>
internal static class ReportHtml
{
    private static readonly Lazy<string> Script = new(() => FlameGraphSvg.Resource("BpfTools.Pictures.report.js"));
    private static readonly Lazy<string> Style = new(() => FlameGraphSvg.Resource("BpfTools.Pictures.report.css"));

    /// <summary>The page. <paramref name="localHost"/> names the host whose records carry no PSComputerName.</summary>
    public static string Write(ReportBuilder report, string title, string localHost, DateTime written)
    {
        var scripts = new HashSet<string>(StringComparer.Ordinal) { Script.Value };
        var body = new StringBuilder(64 * 1024);
        body.Append("<h1>").Append(SvgText.Escape(title)).Append("</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{SvgText.Count(report.Records)} records of {report.Sections.Count} kinds from ")
            .Append(report.Hosts.Count == 0 ? "no host" : string.Join(", ", report.Hosts.Select(h => SvgText.Escape(HostLabel(h, localHost)))))
            .Append(CultureInfo.InvariantCulture, $"; written {written:yyyy-MM-dd HH:mm:ss} by BpfTools Out-BpfReport.</p>\n<nav>");
        foreach (var kind in report.Sections.Keys)
        {
            body.Append("<a href=\"#").Append(Anchor(kind)).Append("\">").Append(SvgText.Escape(kind)).Append("</a>");
        }
        body.Append(report.Unknown.Count > 0 ? "<a href=\"#unknown\">Not reported</a>" : "").Append("</nav>\n");
        foreach (var section in report.Sections.Values)
        {
            WriteSection(body, section, localHost, scripts);
        }
        WriteUnknown(body, report);
        body.Append("<script>").Append(Script.Value).Append("</script>\n");

        var hashes = string.Join(' ', scripts.Select(s => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}'"));
        return new StringBuilder(body.Length + 4096)
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src data:; script-src ")
            .Append(hashes).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(SvgText.Escape(title)).Append("</title>\n<style>").Append(Style.Value).Append("</style></head>\n<body>\n")
            .Append(body).Append("</body></html>\n").ToString();
    }

    /// <summary>How a host is shown: its PSComputerName, or the local host's name for records made here.</summary>
    internal static string HostLabel(string host, string localHost) => host.Length > 0 ? host : localHost;

    /// <summary>An id for a kind's section: the kind's letters and digits only (the kind comes from a type name).</summary>
    internal static string Anchor(string kind) => "kind-" + new string([.. kind.Where(char.IsAsciiLetterOrDigit)]);

    private static void WriteSection(StringBuilder html, ReportSection section, string localHost, HashSet<string> scripts)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"kind\" id=\"{Anchor(section.Kind)}\" data-kind=\"{SvgText.Escape(section.Kind)}\">")
            .Append("<h2>").Append(SvgText.Escape(section.Kind))
            .Append(CultureInfo.InvariantCulture, $" <span class=\"count\">({SvgText.Count(section.Records)} records)</span></h2>\n<div class=\"hosts\">\n");
        foreach (var (host, part) in section.Hosts)
        {
            html.Append("<div class=\"host\" data-host=\"").Append(SvgText.Escape(host)).Append("\"><h3>")
                .Append(SvgText.Escape(HostLabel(host, localHost))).Append("</h3>")
                .Append(CultureInfo.InvariantCulture, $"<p><span class=\"records\">{SvgText.Count(part.Records)}</span> records</p>\n");
            WriteTop(html, section, part);
            WriteErrors(html, section, part);
            ReportPictures.Write(html, section, part, HostLabel(host, localHost), scripts);
            html.Append("</div>\n");
        }
        html.Append("</div>\n");
        WriteTable(html, section, multiHost: section.Hosts.Count > 1, localHost);
        html.Append("</section>\n");
    }

    private static void WriteTop(StringBuilder html, ReportSection section, ReportHostPart part)
    {
        if (part.Processes.Count == 0)
        {
            return;
        }
        var unit = part.Flame is null ? "records" : part.OffCpu && !part.Cpu ? "us off CPU" : "samples";
        html.Append("<table class=\"top\"><caption>Top processes</caption><thead><tr><th>Process</th><th>")
            .Append(unit).Append("</th></tr></thead><tbody>");
        foreach (var (name, count) in section.Top(part.Processes))
        {
            html.Append("<tr><td>").Append(SvgText.Escape(name)).Append("</td><td class=\"n\">").Append(SvgText.Count(count)).Append("</td></tr>");
        }
        html.Append("</tbody></table>\n");
    }

    private static void WriteErrors(StringBuilder html, ReportSection section, ReportHostPart part)
    {
        if (part.FailedCalls > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"failed\">{SvgText.Count(part.FailedCalls)} failed calls (the summaries' Errors)</p>\n");
        }
        if (part.Errors.Count == 0)
        {
            return;
        }
        html.Append("<table class=\"errors\"><caption>Errors</caption><thead><tr><th>Error</th><th>records</th></tr></thead><tbody>");
        foreach (var (error, count) in section.Top(part.Errors))
        {
            html.Append("<tr><td>").Append(SvgText.Escape(error)).Append("</td><td class=\"n\">").Append(SvgText.Count(count)).Append("</td></tr>");
        }
        html.Append("</tbody></table>\n");
    }

    private static void WriteTable(StringBuilder html, ReportSection section, bool multiHost, string localHost)
    {
        if (section.Columns.Count == 0)
        {
            return;
        }
        var label = SvgText.Escape(section.Kind);
        html.Append("<div class=\"events-wrap\"><label>Filter <input type=\"search\" class=\"filter\" aria-label=\"Filter the ")
            .Append(label).Append(" rows\"></label> <span class=\"shown\" aria-live=\"polite\"></span>\n<table class=\"events\"><thead><tr>");
        if (multiHost)
        {
            html.Append("<th tabindex=\"0\" aria-sort=\"none\" data-type=\"text\">Host</th>");
        }
        foreach (var column in section.Columns)
        {
            var numeric = section.Rows.Select(r => r.Cells.GetValueOrDefault(column).SortKey).Where(k => k is not null)
                .All(k => double.TryParse(k, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                && section.Rows.Any(r => r.Cells.GetValueOrDefault(column).SortKey is not null);
            html.Append("<th tabindex=\"0\" aria-sort=\"none\" data-type=\"").Append(numeric ? "number" : "text").Append("\">")
                .Append(SvgText.Escape(column)).Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var (host, cells) in section.Rows)
        {
            html.Append("<tr>");
            if (multiHost)
            {
                html.Append("<td>").Append(SvgText.Escape(HostLabel(host, localHost))).Append("</td>");
            }
            foreach (var column in section.Columns)
            {
                var cell = cells.GetValueOrDefault(column);
                html.Append(cell.SortKey is null ? "<td>" : $"<td data-v=\"{SvgText.Escape(cell.SortKey)}\">").Append(SvgText.Escape(cell.Text ?? "")).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table>\n");
        if (section.RowsLeftOut > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"cap\">The table shows the first {SvgText.Count(section.Rows.Count)} of {SvgText.Count(section.Records)} {label} records: ")
                .Append(CultureInfo.InvariantCulture, $"{SvgText.Count(section.RowsLeftOut)} rows were left out (Out-BpfReport -MaxRows). The counts above include them.</p>\n");
        }
        html.Append("</div>\n");
    }

    private static void WriteUnknown(StringBuilder html, ReportBuilder report)
    {
        if (report.Unknown.Count == 0)
        {
            return;
        }
        html.Append("<section id=\"unknown\"><h2>Not reported</h2><p class=\"note\">Objects of these types are not BpfTools records; they were counted and left out.</p>")
            .Append("<table class=\"unknown\"><thead><tr><th>Type</th><th>objects</th></tr></thead><tbody>");
        foreach (var (type, count) in report.Unknown.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            html.Append("<tr><td>").Append(SvgText.Escape(type)).Append("</td><td class=\"n\">").Append(SvgText.Count(count)).Append("</td></tr>");
        }
        html.Append("</tbody></table></section>\n");
    }
}

using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BpfTools.Commands;
using BpfTools.Pictures;
using BpfTools.Records;
using Xunit;

namespace BpfTools.Tests;

/// <summary>Out-BpfReport's page as text: escaping, caps, grouping by kind and host, the pictures and the policy.</summary>
public class ReportTests
{
    private const string Hostile = "<script>alert(1)</script>\"'><img src=//evil.invalid/x onerror=alert(2)>";

    private static ReportItem Exec(string name, string host = "", string? error = null, string commandLine = "/bin/true") =>
        new("ExecEvent", host, [new("ProcessName", name), new("ProcessId", "42", "42"), new("CommandLine", commandLine)]) { ProcessName = name, Error = error };

    private static string Page(ReportBuilder report) => ReportHtml.Write(report, "t", "here", new DateTime(2026, 12, 1));

    private static ReportBuilder Build(IEnumerable<ReportItem> items, ReportLimits? limits = null)
    {
        var report = new ReportBuilder(limits ?? new ReportLimits());
        foreach (var item in items)
        {
            report.Add(item);
        }
        return report;
    }

    private static string EventRows(string html, string kind) =>
        Regex.Match(html, $"(?s)id=\"kind-{kind}\".*?<table class=\"events\">(.*?)</table>").Groups[1].Value;

    [Fact]
    public void What_came_from_a_traced_process_is_escaped_everywhere()
    {
        var report = Build([Exec(Hostile, host: Hostile, error: Hostile, commandLine: Hostile), Exec("b", host: "other")]);
        Assert.True(report.AddUnknown(Hostile));
        var html = ReportHtml.Write(report, Hostile, Hostile, DateTime.Now);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=//evil.invalid/x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        // The page's own script is its only one.
        Assert.Single(Regex.Matches(html, "<script>"));
    }

    [Fact]
    public void The_page_refers_to_nothing_outside_it_and_allows_only_its_own_scripts()
    {
        var samples = FlameGraphTests.Profile().Select(s => new ReportItem("CpuStackSample", "", [new("Count", "1", "1")])
        {
            ProcessName = s.ProcessName,
            Stack = FlameStack.FromSample(s.ProcessName, s.UserStack, s.KernelStack, s.Count),
            Weight = s.Count,
        });
        var html = Page(Build([.. samples, Exec("a")]));

        Assert.Empty(Regex.Matches(html, @"(?i)\b(src|href|action)\s*=\s*[""']?\s*(https?:|//)"));
        Assert.DoesNotContain("http:", html, StringComparison.Ordinal);
        var policy = Regex.Match(html, "script-src ([^\"]*)\"").Groups[1].Value;
        var page = Regex.Match(html, "(?s)<script>(.*?)</script>").Groups[1].Value;
        var frame = Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Match(html, "data:image/svg\\+xml;base64,([^\"]+)").Groups[1].Value));
        var flame = Regex.Match(frame, @"(?s)<!\[CDATA\[(.*?)\]\]>").Groups[1].Value;
        Assert.Equal($"'sha256-{Hash(page)}' 'sha256-{Hash(flame)}'", policy);
        Assert.Contains("class=\"flamegraph\"", frame, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    private static string Hash(string script) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));

    [Fact]
    public void A_table_keeps_its_first_rows_and_says_how_many_were_left_out()
    {
        var report = Build(Enumerable.Range(0, 10).Select(i => Exec($"p{i % 4}")), new ReportLimits { MaxRows = 3 });
        var section = report.Sections["ExecEvent"];
        Assert.Equal((10, 3, 7L), (section.Records, section.Rows.Count, section.RowsLeftOut));
        var html = Page(report);
        Assert.Equal(3, Regex.Count(EventRows(html, "ExecEvent"), "<tr>") - 1);
        Assert.Contains("The table shows the first 3 of 10 ExecEvent records: 7 rows were left out", html, StringComparison.Ordinal);
        // The summaries count every record, not only the rows kept.
        Assert.Equal(3, section.Hosts[""].Processes["p0"]);
    }

    [Fact]
    public void Records_are_grouped_by_kind_then_host_in_the_order_they_came()
    {
        var open = new ReportItem("OpenEvent", "web02", [new("Path", "/etc/passwd")]) { ProcessName = "cat", Error = "EACCES" };
        var report = Build([Exec("a", "web01"), open, Exec("b", "web02", "ENOENT"), Exec("a", "web01")]);
        Assert.Equal(["ExecEvent", "OpenEvent"], report.Sections.Keys);
        Assert.Equal(["web01", "web02"], report.Sections["ExecEvent"].Hosts.Keys);
        Assert.Equal(2, report.Sections["ExecEvent"].Hosts["web01"].Processes["a"]);
        Assert.Equal(1, report.Sections["ExecEvent"].Hosts["web02"].Errors["ENOENT"]);
        var html = Page(report);
        // Two hosts: a Host column; one host: none.
        Assert.Contains(">Host</th>", EventRows(html, "ExecEvent"), StringComparison.Ordinal);
        Assert.DoesNotContain(">Host</th>", EventRows(html, "OpenEvent"), StringComparison.Ordinal);
        Assert.Matches("(?s)id=\"kind-ExecEvent\".*data-host=\"web01\".*data-host=\"web02\".*id=\"kind-OpenEvent\"", html);
        Assert.Contains("data-type=\"number\">ProcessId</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_past_the_cap_are_counted_together()
    {
        var report = Build(new[] { "a", "b", "c", "d", "a" }.Select(n => Exec(n)), new ReportLimits { MaxNames = 2 });
        var counts = report.Sections["ExecEvent"].Hosts[""].Processes;
        Assert.Equal(new Dictionary<string, long> { ["a"] = 2, ["b"] = 1, [ReportSection.OtherNames] = 2 }, counts);
    }

    [Fact]
    public void Unknown_objects_are_counted_by_type_and_listed()
    {
        var report = Build([Exec("a")]);
        Assert.True(report.AddUnknown("System.String"));
        Assert.False(report.AddUnknown("System.String"));
        Assert.Contains("<tr><td>System.String</td><td class=\"n\">2</td></tr>", Page(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_histogram_series_gets_a_heat_map_inline_and_a_summed_chart()
    {
        var series = HeatMapTests.Series();
        var report = Build(series.Select(h => new ReportItem("BpfHistogram", "", []) { Histogram = h }));
        var html = Page(report);
        Assert.Equal(series.Count, Regex.Count(html, "<g class=\"col\""));
        Assert.Contains("<svg version=\"1.1\" width=\"900\"", html, StringComparison.Ordinal);
        Assert.Contains($"{series.Count} windows summed", html, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"n\">{series.Sum(h => h.Buckets.Single(b => b.Low == 256).Count)}</td>", html.Replace(",", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_record_and_its_deserialized_copy_from_a_remote_host_read_the_same()
    {
        var exec = new ExecEvent { ProcessName = "sh", ProcessId = 7, Ret = -2, Timestamp = new DateTime(2026, 12, 1, 2, 3, 4) };
        var live = ReportItemObject.From(PSObject.AsPSObject(exec))!;
        var copy = PSObject.AsPSObject(PSSerializer.Deserialize(PSSerializer.Serialize(exec)));
        copy.Properties.Add(new PSNoteProperty("PSComputerName", "web01"));
        var remote = ReportItemObject.From(copy)!;

        Assert.Equal(("ExecEvent", "", "sh", "ENOENT"), (live.Kind, live.Host, live.ProcessName, live.Error));
        Assert.Equal(("ExecEvent", "web01", "sh", "ENOENT"), (remote.Kind, remote.Host, remote.ProcessName, remote.Error));
        Assert.Equal(live.Cells.Select(c => (c.Column, c.Text)), remote.Cells.Select(c => (c.Column, c.Text)));
        Assert.Contains(live.Cells, c => c is { Column: "ProcessId", SortKey: "7" });
        Assert.DoesNotContain(live.Cells, c => c.Column is "Time" or "Arguments");
        Assert.Null(ReportItemObject.From(PSObject.AsPSObject("text")));
    }
}

using System.Management.Automation;
using Xunit;

namespace BpfTools.IntegrationTests;

/// <summary>Invoke-BpfTrace on this kernel, with programs written for the test, filtered to this test's own calls.</summary>
[Collection(KernelCollection.Name)]
public sealed class InvokeBpfTraceTests : IDisposable
{
    private readonly ModuleSession _session = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpftools-invoke {Guid.NewGuid():N}");
    private readonly string _program = Path.Combine(Path.GetTempPath(), $"bpftools-invoke-{Guid.NewGuid():N}.bt");

    public InvokeBpfTraceTests() => File.WriteAllText(_file, "x");

    public void Dispose()
    {
        File.Delete(_file);
        File.Delete(_program);
        _session.Dispose();
    }

    private IDisposable RepeatOpens() => Kernel.Repeat(() => File.ReadAllBytes(_file));

    [Fact]
    public void Print_tuples_become_typed_objects_named_by_Property()
    {
        PsResult result;
        using (RepeatOpens())
        {
            result = _session.Invoke("Invoke-BpfTrace -Program 'tracepoint:syscalls:sys_enter_openat { print((pid, comm, str(args->filename))); }' " +
                "-Property ProcessId,ProcessName,Path -Duration 5");
        }
        result.AssertNoErrors();
        var mine = result.Output.Where(o => o.Properties["Path"]?.Value as string == _file).ToList();
        Assert.NotEmpty(mine);
        Assert.All(mine, o =>
        {
            Assert.Equal((long)Environment.ProcessId, Assert.IsType<long>(o.Properties["ProcessId"].Value));
            Assert.IsType<string>(o.Properties["ProcessName"].Value);
            Assert.Equal(["ProcessId", "ProcessName", "Path"], o.Properties.Select(p => p.Name));
        });
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void A_hist_map_becomes_a_BpfHistogram_that_merges()
    {
        PsResult result;
        using (RepeatOpens())
        {
            result = _session.Invoke("$h = Invoke-BpfTrace -Duration 3 -Unit usecs -ArgumentList " + Environment.ProcessId + " -Program '" +
                "tracepoint:syscalls:sys_enter_openat /pid == $1/ { @start[tid] = nsecs; } " +
                "tracepoint:syscalls:sys_exit_openat /@start[tid]/ { @us = hist((nsecs - @start[tid]) / 1000); delete(@start[tid]); }'; " +
                "$h; $h | Merge-BpfHistogram");
        }
        result.AssertNoErrors();
        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("BpfTools.Records.BpfHistogram", o.BaseObject.GetType().FullName));
        var us = result.Output[0];
        Assert.Equal(("bpftrace", "us", "usecs"), ((string)us.Properties["Tool"].Value, (string)us.Properties["KeyKind"].Value, (string)us.Properties["Unit"].Value));
        var count = (long)us.Properties["Count"].Value;
        Assert.True(count > 0);
        Assert.InRange(((DateTime)us.Properties["End"].Value - (DateTime)us.Properties["Start"].Value).TotalSeconds, 2, 10);
        Assert.Equal(count, (long)result.Output[1].Properties["Count"].Value);
    }

    [Fact]
    public void A_program_file_takes_parameters_and_its_printf_lines_split_into_fields()
    {
        File.WriteAllText(_program, """
            tracepoint:syscalls:sys_enter_openat /pid == $1/ { printf("%d|%s|%s\n", pid, str($2), str(args->filename)); @opens[str($2)] = count(); }
            """);
        PsResult result;
        using (RepeatOpens())
        {
            result = _session.Invoke($"Invoke-BpfTrace -Path '{_program}' -Delimiter '|' -Property Pid,Marker,Path -Duration 3 -- {Environment.ProcessId} 'my marker'");
        }
        result.AssertNoErrors();
        var line = result.Output.First(o => o.Properties["Path"]?.Value as string == _file);
        Assert.Equal((long)Environment.ProcessId, line.Properties["Pid"].Value);
        Assert.Equal("my marker", line.Properties["Marker"].Value);
        var entry = Assert.Single(result.Output, o => o.BaseObject.GetType().Name == "BpfTraceMapEntry");
        Assert.Equal(("@opens", "my marker"), ((string)entry.Properties["MapName"].Value, (string)entry.Properties["Key"].Value));
        Assert.True(Assert.IsType<long>(entry.Properties["Value"].Value) > 0);
    }

    [Fact]
    public void A_syntax_error_is_a_typed_error_with_line_and_column()
    {
        var result = _session.Invoke("Invoke-BpfTrace -Duration 5 -Program \"tracepoint:syscalls:sys_enter_openat {`n  print((pid, comm) }\"");
        var error = result.Failure;
        Assert.Equal("ProgramInvalid,BpfTools.Commands.InvokeBpfTraceCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ParserError, error.CategoryInfo.Category);
        var where = PSObject.AsPSObject(error.TargetObject);
        Assert.Equal("BpfTools.Records.BpfTraceProgramError", where.BaseObject.GetType().FullName);
        Assert.Equal(("stdin", 2, 21), ((string)where.Properties["File"].Value, (int)where.Properties["Line"].Value, (int)where.Properties["Column"].Value));
        Assert.Contains("syntax error", (string)where.Properties["Message"].Value, StringComparison.Ordinal);
        Assert.Contains("stdin:2:21: syntax error", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.Empty(Kernel.ChildToolsAfter(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void A_missing_program_file_is_refused_before_anything_runs()
    {
        var error = _session.Invoke("Invoke-BpfTrace -Path /nonexistent/bpftools-invoke.bt").Failure;
        Assert.Equal("ProgramFileNotFound,BpfTools.Commands.InvokeBpfTraceCommand", error.FullyQualifiedErrorId);
        Assert.Empty(Kernel.ChildTools());
    }
}

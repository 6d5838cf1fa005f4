using BpfTools.Catalog;
using BpfTools.Parsers;
using BpfTools.Locator;
using BpfTools.Records;
using BpfTools.Runner;
using Xunit;

namespace BpfTools.Tests;

/// <summary>bpftrace's errors about a program, read from its real stderr, and Invoke-BpfTrace's arguments.</summary>
public class BpfTraceErrorParserTests
{
    [Fact]
    public void Captured_syntax_error_gives_line_column_and_message()
    {
        var error = Assert.Single(BpfTraceErrorParser.Read(Fixtures.Lines("captured/bpftrace-program-syntax-error.stderr.txt")));
        Assert.Equal(("stdin", 2, 21, 22), (error.File, error.Line, error.Column, error.EndColumn));
        Assert.Equal("syntax error, unexpected }, expecting ) or \",\"", error.Message);
        Assert.Equal("  print((pid, comm) }", error.SourceLine);
    }

    [Fact]
    public void Captured_semantic_errors_are_each_read_in_order()
    {
        var errors = BpfTraceErrorParser.Read(Fixtures.Lines("captured/bpftrace-program-semantic-errors.stderr.txt"));
        Assert.Equal([47, 38, 83, 72], errors.Select(e => e.Column));
        Assert.All(errors, e => Assert.Equal(("semantic.bt", 1), (e.File, e.Line)));
        Assert.Equal("$1 used numerically but given \"bt_capmark\". Try using str($1).", errors[0].Message);
        Assert.StartsWith("tracepoint:syscalls:sys_enter_getpid", errors[3].SourceLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Captured_stack_limit_error_from_LLVM_has_no_place()
    {
        var error = Assert.Single(BpfTraceErrorParser.Read(Fixtures.Lines("captured/bpftrace-program-stack-limit.stderr.txt")));
        Assert.Equal(("", 0, 0), (error.File, error.Line, error.Column));
        Assert.StartsWith("in function tracepoint:syscalls:sys_enter_openat i64 (i8*): Looks like the BPF stack limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, error.ToString());
    }

    [Theory]
    [InlineData("ERROR: Unknown error -1: couldn't set RLIMIT_MEMLOCK for bpftrace.")]
    [InlineData("ERROR: Could not resolve symbol: /proc/self/exe:BEGIN_trigger")]
    [InlineData("stdin:x:1: ERROR: no")]
    [InlineData("")]
    public void Lines_without_a_place_in_the_program_are_not_program_errors(string line) =>
        Assert.Empty(BpfTraceErrorParser.Read([line]));

    [Fact]
    public void A_message_cut_from_its_quoted_line_has_none()
    {
        var error = Assert.Single(BpfTraceErrorParser.Read(["my prog.bt:3:5: ERROR: Unknown function: foo"]));
        Assert.Equal(("my prog.bt", 3, 5, 5, ""), (error.File, error.Line, error.Column, error.EndColumn, error.SourceLine));
    }

    [Fact]
    public void Program_text_goes_to_e_and_parameters_after_the_double_dash()
    {
        var backend = ToolCatalog.BpfTraceFor(null, "").Backends.Single();
        Assert.Equal(BackendKind.Bpftrace, backend.Kind);
        Assert.Null(backend.Program);
        Assert.Equal(["-e", "BEGIN { exit(); }", "--", "-x", "a b"], backend.Arguments(new BpfTraceOptions("BEGIN { exit(); }", null, ["-x", "a b"])));
        Assert.Equal(["--", "/tmp/-odd.bt", "1"], backend.Arguments(new BpfTraceOptions(null, "/tmp/-odd.bt", ["1"]), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void An_own_program_runs_with_json_output_and_bpftraces_own_string_length()
    {
        var invocation = ToolInvocation.For(new LocatedBackend(BackendKind.Bpftrace, "/usr/bin/bpftrace", null, null), ["-e", "BEGIN {}", "--"]);
        Assert.Equal(["-f", "json", "-e", "BEGIN {}", "--"], invocation.Arguments);
        Assert.Equal("1", invocation.Environment["BPFTRACE_NO_USER_SYMBOLS"]);
        Assert.False(invocation.Environment.ContainsKey("BPFTRACE_STRLEN"));
    }
}

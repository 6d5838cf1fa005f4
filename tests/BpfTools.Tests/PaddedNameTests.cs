using BpfTools.Parsers;
using Xunit;

namespace BpfTools.Tests;

/// <summary>The one finder of a padded process name, whose end is where the rest of the line reads.</summary>
public class PaddedNameTests
{
    [Fact]
    public void Name_with_spaces_that_look_like_the_tail_is_taken_at_its_padded_width()
    {
        var line = $"{"worker 7 pool",-16} 1234 rest";
        Assert.True(PaddedName.TryRead<Column, PidTail>(line, 0, 0, [16], out var name, out var pid));
        Assert.Equal("worker 7 pool", name.In(line).TrimEnd(' ').ToString());
        Assert.Equal("1234", pid.In(line).ToString());

        // Why the fixed width comes first: the shortest name that fits stops at the first word.
        Assert.True(PaddedName.TryShortest<Column, PidTail>(line, 0, 0, out name, out pid));
        Assert.Equal("worker", name.In(line).ToString());
        Assert.Equal("7", pid.In(line).ToString());
    }

    [Theory]
    [InlineData("kworker/u16:3-events_unbound 1234 rest", "kworker/u16:3-events_unbound")]
    [InlineData("Web Content Process 1234 rest", "Web Content Process")]
    // printf pads by bytes: nine two-byte characters fill a 16-byte column and more.
    [InlineData("ééééééééé 1234 rest", "ééééééééé")]
    public void Name_wider_than_its_column_is_the_shortest_that_fits(string line, string expected)
    {
        Assert.False(PaddedName.TryFixedWidth<Column, PidTail>(line, 0, 0, [16], out _, out _));
        Assert.True(PaddedName.TryRead<Column, PidTail>(line, 0, 0, [16], out var name, out var pid));
        Assert.Equal(expected, name.In(line).ToString());
        Assert.Equal("1234", pid.In(line).ToString());
    }

    [Fact]
    public void Spaces_before_the_name_are_given_back_for_a_name_that_starts_with_one()
    {
        // PID 42, its separator, then " lead" padded to 16.
        var line = "42 " + $"{" lead",-16}" + " 7 rest";
        Assert.True(PaddedName.TryRead<Column, PidTail>(line, TextScan.Spaces(line, 2), 3, [16], out var name, out var pid));
        Assert.Equal(" lead", name.In(line).TrimEnd(' ').ToString());
        Assert.Equal("7", pid.In(line).ToString());
    }

    [Fact]
    public void Long_pid_before_the_name_leaves_it_one_space()
    {
        // "%-6d " with seven digits: the name starts one column late and keeps its width.
        var line = "1234567 " + $"{"my comm",-16}" + " 42 rest";
        Assert.True(PaddedName.TryRead<Column, PidTail>(line, TextScan.Spaces(line, 7), 8, [16], out var name, out var pid));
        Assert.Equal(new Column(8, 24), name);
        Assert.Equal("42", pid.In(line).ToString());
    }

    [Fact]
    public void Long_pid_after_a_narrow_name_is_read_at_the_narrower_width()
    {
        // bcc pads the name to 10, libbpf-tools to 16: the wider width ends inside a seven-digit PID.
        var line = $"{"curl",-10} 1234567 rest";
        Assert.True(PaddedName.TryFixedWidth<Column, PidTail>(line, 0, 0, [16, 10], out var name, out var pid));
        Assert.Equal(new Column(0, 10), name);
        Assert.Equal("1234567", pid.In(line).ToString());
    }

    [Theory]
    [InlineData("comm")]
    [InlineData("comm            ")]
    [InlineData("comm             12")]
    [InlineData("comm             ")]
    [InlineData("")]
    public void Truncated_line_has_no_name(string line)
    {
        Assert.False(PaddedName.TryRead<Column, PidTail>(line, 0, 0, [16], out var name, out var pid));
        Assert.Equal(default, name);
        Assert.Equal(default, pid);
    }

    [Fact]
    public void Empty_range_of_starts_has_no_name()
    {
        var line = $"{"comm",-16} 42 rest";
        Assert.False(PaddedName.TryRead<Column, PidTail>(line, 0, 1, [16], out _, out _));
    }

    [Fact]
    public void Shortest_name_ends_at_any_white_space_and_the_tail_is_read_from_it()
    {
        var line = "a b\t42";
        Assert.True(PaddedName.TryShortest<int, TabAt>(line, 0, 0, out var name, out var tailStart));
        Assert.Equal("a b", name.In(line).ToString());
        Assert.Equal(3, tailStart);
    }

    [Fact]
    public void Finding_a_name_allocates_nothing()
    {
        var line = $"{"a name",-16} 42 rest";
        PaddedName.TryRead<Column, PidTail>(line, 0, 0, [16], out _, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            PaddedName.TryRead<Column, PidTail>(line, 0, 0, [16], out _, out _);
            PaddedName.TryRead<Column, PidTail>("Web Content Process 1234 rest", 0, 0, [16], out _, out _);
        }
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    /// <summary>" +PID " then anything: the PID's column.</summary>
    private readonly struct PidTail : ITailReader<Column>
    {
        public static bool TryRead(ReadOnlySpan<char> line, int at, out Column pid)
        {
            var end = TextScan.SpacedInteger(line, at, signed: false, out var start);
            pid = end < 0 ? default : new Column(start, end);
            return end >= 0;
        }
    }

    /// <summary>A tab, and where it is.</summary>
    private readonly struct TabAt : ITailReader<int>
    {
        public static bool TryRead(ReadOnlySpan<char> line, int at, out int tailAt)
        {
            tailAt = at;
            return line[at] == '\t';
        }
    }
}

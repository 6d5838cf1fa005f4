using BpfTools.Catalog;
using BpfTools.Parsers;
using BpfTools.Records;
using BpfTools.Runner;

/// <summary>
/// One output format BpfTools parses: a captured fixture and the parser the catalog gives that backend,
/// so the benchmark measures exactly what the cmdlet runs.
/// </summary>
public abstract class ParserFormat
{
    protected ParserFormat(string name, string fixture, bool isEventFormat)
    {
        Name = name;
        Fixture = fixture;
        IsEventFormat = isEventFormat;
    }

    /// <summary>The benchmark's name for it: tool, backend and flags.</summary>
    public string Name { get; }

    /// <summary>The fixture under tests/fixtures.</summary>
    public string Fixture { get; }

    /// <summary>One record per line (or per few lines): held to the 2M lines/s target. Histograms and interval samples are not.</summary>
    public bool IsEventFormat { get; }

    /// <summary>The fixture's lines as the tool printed them (without their newlines).</summary>
    public string[] FixtureLines()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", Fixture));
        return text.EndsWith('\n') ? text[..^1].Split('\n') : text.Split('\n');
    }

    /// <summary>The parser's input for one benchmark operation: the fixture repeated until there are <paramref name="count"/> lines.</summary>
    public Utf8Lines Lines(int count)
    {
        var fixture = FixtureLines();
        return new([.. Enumerable.Range(0, count).Select(i => fixture[i % fixture.Length])]);
    }

    /// <summary>
    /// Parses the lines with a new parser, as one run of the tool would, each line handed over the way the runner
    /// hands it (<see cref="Utf8Lines"/>); returns the parser's counts.
    /// </summary>
    internal ParseStats Parse(Utf8Lines lines) => Parse(lines, keepRecords: false);

    /// <summary>
    /// As <see cref="Parse(Utf8Lines)"/>; with <paramref name="keepRecords"/> false the records are let go a batch at a
    /// time, as the runner hands them to the pipeline (one batch per read of the pipe: a few hundred lines), instead
    /// of held all together, which would make the garbage collector copy thousands of live records a parser's real
    /// run never keeps.
    /// </summary>
    internal abstract ParseStats Parse(Utf8Lines lines, bool keepRecords);

    /// <summary>Records handed over at a time: about what one 64 KiB read of the pipe holds.</summary>
    private const int Batch = 512;

    /// <summary>The records the lines make.</summary>
    public abstract IReadOnlyList<object> Records(Utf8Lines lines);

    public override string ToString() => Name;

    internal static ParserFormat For<TOptions, TRecord>(string name, ToolSpec<TOptions, TRecord> tool, BackendKind backend, string fixture, bool isEventFormat = true)
        where TRecord : class =>
        new Typed<TRecord>(name, fixture, isEventFormat, tool.Backends.Single(b => b.Kind == backend).CreateParser);

    internal static ParserFormat For<TRecord>(string name, Func<TraceClock, IRecordParser<TRecord>> create, string fixture, bool isEventFormat = true)
        where TRecord : class =>
        new Typed<TRecord>(name, fixture, isEventFormat, create);

    private sealed class Typed<TRecord>(string name, string fixture, bool isEventFormat, Func<TraceClock, IRecordParser<TRecord>> create)
        : ParserFormat(name, fixture, isEventFormat) where TRecord : class
    {
        // Reused across operations, so the list's growth is not counted against the parser.
        private readonly List<TRecord> _output = [];

        // LineReader's decoding buffer, grown to the longest line.
        private char[] _chars = new char[1024];

        // What an earlier read left of a line: nothing here, every line is whole.
        private readonly MemoryStream _noPartLine = new();

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        internal override ParseStats Parse(Utf8Lines lines, bool keepRecords)
        {
            _output.Clear();
            // As a run's clock: lines are dated by the read that brought them (about a batch), not one by one.
            var clock = new ReadArrivalClock(TraceClock.System);
            var parser = create(clock);
            for (var i = 0; i < lines.Count; i++)
            {
                if (i % Batch == 0)
                {
                    clock.MarkRead();
                }
                // What LineReader and ToolOutput do with a line of stdout: decode it into one reused buffer, and
                // hand the parser that (a parser that needs a string of the line makes one).
                parser.Parse(LineReader.Decode(_noPartLine, lines[i], ref _chars), _output);
                if (!keepRecords && _output.Count >= Batch)
                {
                    _output.Clear();
                }
            }
            parser.Flush(_output);
            return parser.Stats;
        }

        public override IReadOnlyList<object> Records(Utf8Lines lines)
        {
            Parse(lines, keepRecords: true);
            return [.. _output];
        }
    }
}

using System.Management.Automation;
using System.Text;
using BpfTools.Errors;
using BpfTools.Pictures;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Draws stack samples as an interactive flame graph: one self-contained SVG file.</para>
/// </summary>
/// <remarks>
/// Takes what ConvertTo-BpfFoldedStack takes (CpuStackSample, OffCpuStackSample, their copies read back) and
/// folded lines. With -ReferenceObject it draws a differential flame graph: the shape of the piped profile,
/// coloured red where it has more than the reference and blue where it has less.
/// </remarks>
[Cmdlet(VerbsData.ConvertTo, "BpfFlameGraph")]
[OutputType(typeof(string))]
public sealed class ConvertToBpfFlameGraphCommand : PSCmdlet
{
    private readonly FlameLayout _layout = new();
    private bool _cpu;
    private bool _offCpu;

    /// <summary>
    /// The samples: CpuStackSample (Get-BpfCpuProfile), OffCpuStackSample (Get-BpfOffCpuTime), their deserialized
    /// copies, or folded lines ("comm;root;...;leaf 12", a kernel frame ending in "_[k]").
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [AllowEmptyString]
    public PSObject InputObject { get; set; } = null!;

    /// <summary>
    /// The profile to compare with (before a change; the piped one is after it), in any form InputObject takes.
    /// Makes the graph differential: red frames grew, blue frames shrank, after scaling the reference to the same total.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public PSObject[]? ReferenceObject { get; set; }

    /// <summary>The title above the graph; by default it says what the samples are.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    /// <summary>Draws an icicle graph: the roots at the top and the stacks growing down.</summary>
    [Parameter]
    public SwitchParameter Inverted { get; set; }

    /// <summary>
    /// Keeps each frame's offset (main+65, main+80 as two boxes): by default frames are merged by function, so that a
    /// function's samples at different return addresses make one box.
    /// </summary>
    [Parameter]
    public SwitchParameter KeepOffset { get; set; }

    /// <summary>The width of the picture in pixels.</summary>
    [Parameter]
    [ValidateRange(200, 20000)]
    public int Width { get; set; } = 1200;

    /// <summary>Writes the SVG to this file instead of to the pipeline.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord() => Add(InputObject, reference: false);

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        foreach (var item in ReferenceObject ?? [])
        {
            Add(item, reference: true);
        }
        if (_cpu && _offCpu)
        {
            WriteWarning("The input mixes CPU samples (counted in samples) with off-CPU time (counted in microseconds): their widths do not compare.");
        }
        var differential = ReferenceObject is not null;
        var title = Title ?? (differential ? "Differential Flame Graph" : _offCpu && !_cpu ? "Off-CPU Time Flame Graph" : _cpu ? "CPU Flame Graph" : "Flame Graph");
        var options = new FlameGraphOptions(title, _offCpu && !_cpu ? "us" : "samples", Width, Inverted) { Differential = differential };
        var svg = FlameGraphSvg.Write(_layout, options);
        if (Path is null)
        {
            WriteObject(svg);
            return;
        }
        File.WriteAllText(GetUnresolvedProviderPathFromPSPath(Path), svg, new UTF8Encoding(false));
    }

    private void Add(PSObject item, bool reference)
    {
        if (item.BaseObject is string text)
        {
            foreach (var line in text.Split('\n').Where(l => l.Trim().Length > 0))
            {
                if (FlameStack.FromFolded(line, KeepOffset) is { } stack)
                {
                    _layout.Add(stack, reference);
                }
                else
                {
                    Refuse(item, $"The line \"{line}\" is not a folded stack: frames separated by ';', a space and a whole count.");
                }
            }
            return;
        }
        if (StackSampleObject.From(item) is not { } sample)
        {
            Refuse(item, "The input has no ProcessName and Count (or BlockedTime): it is not a CpuStackSample, OffCpuStackSample or folded line.");
            return;
        }
        _cpu |= !sample.OffCpu;
        _offCpu |= sample.OffCpu;
        _layout.Add(FlameStack.FromSample(sample.ProcessName, sample.UserStack, sample.KernelStack, sample.Count, KeepOffset), reference);
    }

    private void Refuse(PSObject item, string message) =>
        WriteError(new Problem(BpfErrorId.NotAStackSample, ErrorCategory.InvalidArgument, message,
            "Pipe Get-BpfCpuProfile or Get-BpfOffCpuTime output (or a copy of it), or folded stack lines, into ConvertTo-BpfFlameGraph.").ToErrorRecord(item));
}

using System.Management.Automation;
using System.Text;
using BpfTools.Errors;
using BpfTools.Pictures;
using Microsoft.PowerShell.Commands;

namespace BpfTools.Commands;

/// <summary>
/// <para type="synopsis">Writes any mix of BpfTools records as one self-contained HTML report: summaries, charts, heat maps, flame graphs and sortable event tables.</para>
/// </summary>
/// <remarks>
/// Records are read as they come; what the page needs is kept (a kind's first -MaxRows table rows, its counts, its
/// histograms, its folded stacks) and the rest is counted and dropped. The file is written when the input ends.
/// </remarks>
[Cmdlet(VerbsData.Out, "BpfReport")]
[OutputType(typeof(FileInfo))]
public sealed class OutBpfReportCommand : PSCmdlet
{
    private ReportBuilder _report = null!;
    private string _file = "";

    /// <summary>
    /// The records: the objects of any BpfTools cmdlet, live or deserialized (Invoke-Command, Import-Clixml).
    /// Other objects are counted, listed in the report and warned about.
    /// </summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject? InputObject { get; set; }

    /// <summary>The HTML file to write, relative to the current location. Taken literally (no wildcards).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [Alias("FilePath", "LiteralPath")]
    public string Path { get; set; } = "";

    /// <summary>The title of the page; by default "BpfTools report".</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Title { get; set; } = "BpfTools report";

    /// <summary>The rows each kind's table keeps: the first ones, in pipeline order. The page says how many more there were.</summary>
    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int MaxRows { get; set; } = 1000;

    /// <summary>Overwrites a read-only file, which stays read-only (as with Out-File -Force); without it, a read-only file is refused, even for root.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Refuses to overwrite an existing file (checked before any input is read).</summary>
    [Parameter]
    [Alias("NoOverwrite")]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Writes the report's FileInfo to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        _report = new ReportBuilder(new ReportLimits { MaxRows = MaxRows });
        _file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
        if (provider.ImplementingType != typeof(FileSystemProvider))
        {
            Stop(BpfErrorId.ReportPathInvalid, ErrorCategory.InvalidArgument, $"'{Path}' is on the {provider.Name} provider, not a file system path.",
                "Give a file path, such as ./report.html.");
        }
        if (Directory.Exists(_file))
        {
            Stop(BpfErrorId.ReportPathInvalid, ErrorCategory.InvalidArgument, $"'{_file}' is a folder.", "Give the path of a file, such as ./report.html.");
        }
        if (System.IO.Path.GetDirectoryName(_file) is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            Stop(BpfErrorId.ReportPathInvalid, ErrorCategory.ObjectNotFound, $"The folder '{folder}' does not exist.", "Create the folder first, or write the report elsewhere.");
        }
        if (NoClobber && File.Exists(_file))
        {
            Stop(BpfErrorId.ReportFileExists, ErrorCategory.ResourceExists, $"The file '{_file}' already exists and -NoClobber was given.",
                "Give another -Path, or leave out -NoClobber to overwrite it.");
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject is null)
        {
            return;
        }
        if (ReportItemObject.From(InputObject) is { } item)
        {
            _report.Add(item);
            return;
        }
        var type = ReportItemObject.TypeName(InputObject);
        if (_report.AddUnknown(type))
        {
            WriteWarning($"Out-BpfReport does not report objects of type {type}: they are counted and listed at the end of the report.");
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var html = ReportHtml.Write(_report, Title, Environment.MachineName, DateTime.Now);
        try
        {
            // Checked here, not left to the open: root could write a read-only file, and -Force should still matter.
            var existing = new FileInfo(_file);
            var readOnly = existing.Exists && existing.IsReadOnly;
            if (readOnly && !Force)
            {
                Stop(BpfErrorId.ReportWriteFailed, ErrorCategory.PermissionDenied, $"The file '{_file}' is read-only.", "Add -Force to overwrite it, or give another -Path.");
            }
            if (readOnly)
            {
                existing.IsReadOnly = false;
            }
            File.WriteAllText(_file, html, new UTF8Encoding(false));
            if (readOnly)
            {
                // As Out-File -Force: the file stays read-only.
                existing.IsReadOnly = true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Stop(BpfErrorId.ReportWriteFailed, ErrorCategory.WriteError, $"The report could not be written to '{_file}': {e.Message}",
                "Check the folder's permissions and free space, or give another -Path.");
        }
        WriteVerbose($"Wrote {_file}: {_report.Records} records of {_report.Sections.Count} kinds, {_report.Unknown.Values.Sum()} other objects.");
        if (PassThru)
        {
            // As Get-Item gives it, with the provider's notes, so the file system view shows it as usual.
            WriteObject(SessionState.InvokeProvider.Item.Get([_file], force: false, literalPath: true), enumerateCollection: true);
        }
    }

    private void Stop(string id, ErrorCategory category, string message, string fix) =>
        ThrowTerminatingError(new Problem(id, category, message, fix).ToErrorRecord(Path));
}

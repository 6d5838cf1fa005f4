using BpfTools.Parsers;
using BpfTools.Records;

namespace BpfTools.Catalog;

/// <summary>sigsnoop and killsnoop.</summary>
/// <remarks>
/// Two entries for one cmdlet: sigsnoop (every signal generated, on signal:signal_generate) has no bcc version,
/// killsnoop (kill, tkill and tgkill calls) has one, on kprobes. libbpf-tools' killsnoop is sigsnoop in kill mode
/// (-k, from its name); both print the signal as a number, which the parser names.
/// </remarks>
internal static partial class ToolCatalog
{
    /// <summary>sigsnoop, wrapped by Get-BpfSignal: every signal the kernel generates.</summary>
    public static readonly ToolSpec<SignalOptions, SignalEvent> Signal = new(
        "sigsnoop",
        "Get-BpfSignal",
        "signals generated: sender, target, signal, result",
        [
            new(BackendKind.Libbpf, ["sigsnoop", "bpf-sigsnoop"], ProbeKind.Tracepoint,
                o => SignalFlags(o),
                clock => new SignalTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => ["0", .. SignalPositionals(o), limit.Bpftrace],
                clock => new BpftraceSignalParser(clock),
                Program: "sigsnoop.bt"),
        ]);

    /// <summary>killsnoop, wrapped by Get-BpfSignal -KillOnly: the kill(), tkill() and tgkill() calls, failed ones too.</summary>
    public static readonly ToolSpec<SignalOptions, SignalEvent> Kill = new(
        "killsnoop",
        "Get-BpfSignal",
        "signals sent by kill(): sender, target, signal, result",
        [
            // -k as well: a libbpf-tools killsnoop that is a copy, not a link, of sigsnoop still traces kills only.
            new(BackendKind.Libbpf, ["killsnoop", "bpf-killsnoop"], ProbeKind.Tracepoint,
                o => ["-k", .. SignalFlags(o)],
                clock => new SignalTextParser(clock)),
            // bcc's killsnoop.py: -x, -p, -s as libbpf-tools' (older versions lack -s); kprobes on the syscalls.
            new(BackendKind.Bcc, ["killsnoop-bpfcc", "/usr/share/bcc/tools/killsnoop"], ProbeKind.Kprobe,
                o => SignalFlags(o),
                clock => new SignalTextParser(clock)),
            new(BackendKind.Bpftrace, ["bpftrace"], ProbeKind.Tracepoint,
                (o, limit) => ["1", .. SignalPositionals(o), limit.Bpftrace],
                clock => new BpftraceSignalParser(clock),
                Program: "sigsnoop.bt"),
        ]);

    private static string[] SignalFlags(SignalOptions o) =>
        [.. Switch("-x", o.FailedOnly), .. Flag("-p", o.ProcessId), .. Flag("-s", o.Signal)];

    // sigsnoop.bt's $2 to $4: sender, signal, failed only.
    private static string[] SignalPositionals(SignalOptions o) => [Number(o.ProcessId), Number(o.Signal), o.FailedOnly ? "1" : "0"];
}

/// <summary>What Get-BpfSignal asks of sigsnoop or killsnoop.</summary>
/// <param name="ProcessId">Only signals sent by this process (-p), or null.</param>
/// <param name="Signal">Only this signal, by number (-s), or null.</param>
/// <param name="FailedOnly">Only signals that could not be sent (-x).</param>
internal sealed record SignalOptions(int? ProcessId, int? Signal, bool FailedOnly);

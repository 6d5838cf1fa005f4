using BpfTools.Records;

namespace BpfTools.Parsers;

/// <summary>TCP state numbers (include/net/tcp_states.h) named as tcpretrans, tcplife and tcpstates print them.</summary>
internal static class TcpStateNames
{
    private static readonly string[] Names =
    [
        "", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
        "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV", "BOUND_INACTIVE",
    ];

    /// <summary>The name of a state; a number the table does not know is kept as its digits.</summary>
    public static string Of(long state) =>
        state > 0 && state < Names.Length ? Names[state] : state.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The state a tool's name stands for (SYN_SENT); false for a name the table does not know.</summary>
    public static bool TryRead(ReadOnlySpan<char> name, out TcpState state)
    {
        // A switch on the text: the compiler dispatches on its length and characters instead of comparing each name.
        state = name switch
        {
            "ESTABLISHED" => TcpState.Established,
            "SYN_SENT" => TcpState.SynSent,
            "SYN_RECV" => TcpState.SynRecv,
            "FIN_WAIT1" => TcpState.FinWait1,
            "FIN_WAIT2" => TcpState.FinWait2,
            "TIME_WAIT" => TcpState.TimeWait,
            "CLOSE" => TcpState.Close,
            "CLOSE_WAIT" => TcpState.CloseWait,
            "LAST_ACK" => TcpState.LastAck,
            "LISTEN" => TcpState.Listen,
            "CLOSING" => TcpState.Closing,
            "NEW_SYN_RECV" => TcpState.NewSynRecv,
            "BOUND_INACTIVE" => TcpState.BoundInactive,
            _ => default,
        };
        return state != default;
    }
}

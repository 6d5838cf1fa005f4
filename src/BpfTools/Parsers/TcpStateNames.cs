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
}

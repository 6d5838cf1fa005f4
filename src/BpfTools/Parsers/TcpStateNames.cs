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
        for (var i = 1; i < Names.Length; i++)
        {
            if (name.SequenceEqual(Names[i]))
            {
                state = (TcpState)i;
                return true;
            }
        }
        state = default;
        return false;
    }
}

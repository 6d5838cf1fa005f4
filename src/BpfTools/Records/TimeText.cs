using System.Globalization;

namespace BpfTools.Records;

/// <summary>
/// Times as text for reports: Export-Csv writes a DateTime in whole seconds (its culture's general format), and a
/// DateTime that came back over remoting does too, so each record also carries its time as a string.
/// </summary>
internal static class TimeText
{
    /// <summary>ISO 8601 to the microsecond, with the UTC offset: 2026-11-30T13:22:46.123456+00:00. Sorts as text.</summary>
    public static string Of(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 interval, start/end: 2026-11-30T13:22:40.000000+00:00/2026-11-30T13:22:50.000000+00:00.</summary>
    public static string Between(DateTime start, DateTime end) => Of(start) + "/" + Of(end);
}

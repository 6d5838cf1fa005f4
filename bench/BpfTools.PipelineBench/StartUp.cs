/// <summary>
/// What importing the module adds to a fresh pwsh: `pwsh -NoProfile -c 'Import-Module ...; exit'` against a bare
/// `pwsh -NoProfile -c exit`, whole processes timed from start to exit, alternated, median of the repeats.
/// </summary>
public static class StartUp
{
    public static IEnumerable<ResultRow> Measure(string manifest, int repeats)
    {
        var bare = new List<double>();
        var imported = new List<double>();
        // One of each first, untimed: the first pwsh after a build pays for loading files the later ones find cached.
        RealPwsh.ProcessSeconds("exit");
        RealPwsh.ProcessSeconds($"Import-Module '{manifest}'; exit");
        for (var i = 0; i < repeats; i++)
        {
            bare.Add(RealPwsh.ProcessSeconds("exit"));
            imported.Add(RealPwsh.ProcessSeconds($"Import-Module '{manifest}'; exit"));
        }
        var (bareMedian, importedMedian) = (bare.Order().ElementAt(repeats / 2), imported.Order().ElementAt(repeats / 2));
        yield return new("5 start-up", $"pwsh -NoProfile -c 'Import-Module BpfTools; exit' against a bare 'exit' (median of {repeats}; max)",
            $"{importedMedian / bareMedian:N2}x: {importedMedian:F2} s ({imported.Max():F2} s) against {bareMedian:F2} s ({bare.Max():F2} s); the import adds {importedMedian - bareMedian:F2} s",
            "<= 1.5x a bare pwsh", importedMedian <= 1.5 * bareMedian);
    }
}

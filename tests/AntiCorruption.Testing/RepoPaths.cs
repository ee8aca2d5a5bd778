namespace AntiCorruption.Testing;

/// <summary>Paths in the repository, found from the test's own location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AntiCorruption.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Not inside the repository.");
    }
}

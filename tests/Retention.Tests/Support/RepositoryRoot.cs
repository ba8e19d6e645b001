namespace Retention.Tests.Support;

public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>The team's reference data beside the repository (<c>../shared</c>).</summary>
    public static string Shared(params string[] parts) => System.IO.Path.Combine([System.IO.Path.GetDirectoryName(Path)!, "shared", .. parts]);

    public static string HostJson => System.IO.Path.Combine(Path, "host.json");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RetentionFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException("tests must run inside the repository");
    }
}

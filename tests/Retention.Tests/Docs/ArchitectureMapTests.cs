using System.Text.RegularExpressions;
using Retention.Tests.Support;

namespace Retention.Tests.Docs;

/// <summary>
/// <c>docs/architecture.md</c> names each stage with its folder and main type: every path it names is in the tree, so
/// the map and the tree cannot drift apart when code moves.
/// </summary>
public partial class ArchitectureMapTests
{
    [Fact]
    public void Every_folder_and_type_the_architecture_map_names_exists()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "architecture.md"));
        var named = PathInDoc().Matches(doc).Select(m => (Project: m.Groups[1].Value, Path: m.Groups[2].Value)).Distinct().ToList();
        Assert.True(named.Count > 30, $"the map should name the stages' folders and types; found {named.Count}");

        var missing = named.Where(p => !Exists(p.Project, p.Path)).Select(p => $"{p.Project}/{p.Path}").ToList();
        Assert.True(missing.Count == 0, "named in docs/architecture.md but not in the tree: " + string.Join(", ", missing));
    }

    /// <summary><c>Core/Ledger/OrderLedger</c> is a file <c>OrderLedger.cs</c> in that folder; <c>Pipeline/Storage</c> a folder.</summary>
    private static bool Exists(string project, string rest)
    {
        var folder = project switch
        {
            "Core" => "functions/Retention.Core",
            "Pipeline" => "functions/Retention.Pipeline",
            "Cli" => "functions/Retention.Cli",
            _ => "functions/RetentionFunctions",
        };
        var path = Path.Combine(RepositoryRoot.Path, folder, rest.TrimEnd('/'));
        if (Directory.Exists(path)) return true;
        // A type named after its file, with a member ('NightlyFigures.Compute') or a family ('*WebhookFunction') allowed.
        var directory = Path.GetDirectoryName(path)!;
        var type = Path.GetFileName(path).Split('.')[0];
        return Directory.Exists(directory) && Directory.EnumerateFiles(directory, type + ".cs").Any();
    }

    [GeneratedRegex(@"\b(Core|Pipeline|Cli|RetentionFunctions)/((?:[A-Za-z*]+/)*[A-Za-z*]+(?:\.[A-Za-z]+)?/?)")]
    private static partial Regex PathInDoc();
}

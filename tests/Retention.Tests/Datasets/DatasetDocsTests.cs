using System.Text.RegularExpressions;
using Retention.Core.Datasets;
using Retention.Pipeline.Snapshots;
using Retention.Tests.Support;

namespace Retention.Tests.Datasets;

/// <summary>
/// The docs' dataset lists follow the declarations (<see cref="NightlyDatasets"/>): <c>docs/exports.md</c> has one
/// section per dataset whose columns and types are the declared ones, in order; <c>docs/storage.md</c> names each
/// dataset's table and the RowKey its key gives. A column added, renamed or retyped in code alone fails here.
/// </summary>
public partial class DatasetDocsTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", name));

    [Fact]
    public void Exports_doc_lists_each_dataset_with_its_declared_columns_and_types_in_order()
    {
        var section = Section(Doc("exports.md"), "## Datasets and columns");
        var documented = new List<(string Dataset, List<string> Columns)>();
        foreach (var line in section.Split('\n'))
        {
            if (DatasetHeading().Match(line) is { Success: true } heading) documented.Add((heading.Groups[1].Value, []));
            else if (ColumnRow().Match(line) is { Success: true } row) documented[^1].Columns.Add($"{row.Groups[1].Value} {row.Groups[2].Value}");
        }

        Assert.Equal(NightlyDatasets.Names, documented.Select(d => d.Dataset));
        foreach (var (dataset, (_, columns)) in NightlyDatasets.All.Zip(documented))
            Assert.Equal(dataset.Columns.Select(c => $"{c.Name} {c.Type.ToString().ToLowerInvariant()}"), columns);
    }

    [Fact]
    public void Storage_doc_names_each_datasets_table_and_the_row_key_its_key_gives()
    {
        var documented = Section(Doc("storage.md"), "### The snapshot datasets").Split('\n')
            .Select(line => StorageRow().Match(line)).Where(m => m.Success)
            .Select(m => (Dataset: m.Groups[1].Value, Table: m.Groups[2].Value, RowKey: m.Groups[3].Value.Trim())).ToList();

        Assert.Equal(NightlyDatasets.All.Select(d => (d.Name, d.Table)), documented.Select(d => (d.Dataset, d.Table)));
        foreach (var (dataset, doc) in NightlyDatasets.All.Zip(documented))
        {
            var expected = dataset.Layout == TableLayout.DayRow
                ? "`yyyy-MM-dd`, PartitionKey the shop"
                : "`" + string.Join(':', dataset.Key.Select(c => "{" + DatasetTableRow.PropertyName(c) + "}")) + "`";
            Assert.Equal(expected, doc.RowKey);
        }
    }

    [Fact]
    public void Table_property_names_are_derived_from_column_names()
    {
        Assert.Equal("NetRevenue", DatasetTableRow.PropertyName("net_revenue"));
        Assert.Equal("PAlive", DatasetTableRow.PropertyName("p_alive"));
        Assert.Equal("ExpectedPurchases30d", DatasetTableRow.PropertyName("expected_purchases_30d"));
        Assert.Equal("R", DatasetTableRow.PropertyName("r"));
    }

    /// <summary>From a heading to the next heading of the same or a higher level.</summary>
    private static string Section(string doc, string heading)
    {
        var start = doc.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {heading}");
        var level = heading.TakeWhile(c => c == '#').Count();
        var next = Regex.Match(doc[(start + heading.Length)..], $"\n#{{1,{level}}} ");
        return next.Success ? doc.Substring(start, heading.Length + next.Index) : doc[start..];
    }

    [GeneratedRegex(@"^### `(\w+)`")]
    private static partial Regex DatasetHeading();

    [GeneratedRegex(@"^\| `(\w+)` \| (\w+) \|")]
    private static partial Regex ColumnRow();

    [GeneratedRegex(@"^\| `(\w+)` \| `(\w+)` \| ([^|]+) \|")]
    private static partial Regex StorageRow();
}

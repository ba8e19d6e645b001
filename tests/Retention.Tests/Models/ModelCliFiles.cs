using System.Globalization;
using Retention.Tests.Support;

namespace Retention.Tests.Models;

/// <summary>
/// The input files of the <c>retention model fit</c> tests, in a temporary folder of their own: CDNOW as transactions
/// (the sample's rows) or as its published summary, or any lines a test writes.
/// </summary>
public sealed class ModelCliFiles : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("retention-model-cli-");

    public void Dispose() => _directory.Delete(recursive: true);

    public string CdnowTransactions() => Write("cdnow-transactions.csv", ["customer_id,date,amount", .. CdnowSample.Rows.Select(r =>
        string.Create(CultureInfo.InvariantCulture, $"{r.CustomerKey},{r.Day:yyyy-MM-dd},{r.Amount}"))]);

    public string CdnowSummary()
    {
        var published = File.ReadAllLines(RepositoryRoot.Shared("reference", "cdnow", "cdnow_customers_summary_with_transactions.csv"));
        return Write("cdnow-summary.csv", ["customer_id,x,t_x,T,monetary", .. published.Skip(1)]);
    }

    public string Write(string name, params string[] lines)
    {
        var path = PathOf(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Where a file of this name would be (for a test of a file that does not exist).</summary>
    public string PathOf(string name) => Path.Combine(_directory.FullName, name);
}

using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Retention.Cli.Settings;
using Retention.Core.Customers;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

namespace Retention.Tests.Customers;

/// <summary><c>retention customers match</c> as a shop runs it: the list in, the pairs out next to it, nothing stored.</summary>
public class CustomersMatchCliTests : CliAgainstAzurite
{
    private const string Shop = "cli-match";

    private string Folder => Path.GetDirectoryName(SettingsPath)!;

    [Fact]
    public async Task Match_writes_each_addresses_key_next_to_the_list_and_stores_and_sends_nothing()
    {
        Assert.Equal(0, (await Run("shops", "add", "--shop", Shop, "--timezone", "UTC", "--currency", "EUR")).ExitCode);
        var salt = new LocalSettingsFile(SettingsPath).ReadValues()[$"Shops__{Shop}__CustomerIdSalt"];
        var list = Path.Combine(Folder, "guests.csv");
        await File.WriteAllTextAsync(list, "\uFEFFName,E-mail,Orders\nAnn,\" Ann@Example.COM \",3\nBob,bob@example.com,1\nAnn again,ann@example.com,1\n" +
                                           "Nobody,,0\nTypo,carol at example.com,2\n");
        var storage = RetentionStorage.FromConnectionString(Storage.ConnectionString);
        var before = await EverythingStoredAsync(storage);

        var matched = await Run("customers", "match", "--shop", Shop, "--emails", list);

        Assert.True(matched.ExitCode == 0, matched.Error);
        var output = Path.Combine(Folder, "guests.matched.csv");
        Assert.Equal($"matched 2 addresses of shop {Shop} (2 skipped: not an e-mail address) -> {output}", matched.Output.Trim());
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(GuestEmailMatch.Header, lines[0]);
        Assert.Equal(
        [
            $"{CustomerKey.FromEmail("ann@example.com", salt)},{CustomerKey.FromEmail("ann@example.com", salt)[2..]},ann@example.com",
            $"{CustomerKey.FromEmail("bob@example.com", salt)},{CustomerKey.FromEmail("bob@example.com", salt)[2..]},bob@example.com",
        ], lines[1..]);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));

        // Nothing stored: every table, container and queue holds what it held, and no address or hash is anywhere in it.
        Assert.Equal(before, await EverythingStoredAsync(storage));
        Assert.Empty(await StoredData.MentionsAsync(storage, "ann@example.com", "bob@example.com", CustomerKey.FromEmail("ann@example.com", salt)[2..]));

        // An output file is never overwritten unasked.
        var again = await Run("customers", "match", "--shop", Shop, "--emails", list);
        Assert.NotEqual(0, again.ExitCode);
        var refused = Assert.Single(again.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"retention: '{output}' exists: --force overwrites it, or --out names another file", refused);
        await File.WriteAllTextAsync(output, "kept\n");
        Assert.NotEqual(0, (await Run("customers", "match", "--shop", Shop, "--emails", list)).ExitCode);
        Assert.Equal("kept\n", await File.ReadAllTextAsync(output));
        Assert.Equal(0, (await Run("customers", "match", "--shop", Shop, "--emails", list, "--force")).ExitCode);
        Assert.Equal(lines, await File.ReadAllLinesAsync(output));

        // A plain list, to a file of one's choosing, with storage unreachable: the command never reaches for it.
        var plain = Path.Combine(Folder, "plain.txt");
        await File.WriteAllTextAsync(plain, "bob@example.com\r\nDan@Example.net\r\n");
        var chosen = Path.Combine(Folder, "chosen.csv");
        var offline = await RetentionCli.RunAsync("customers", "match", "--shop", Shop, "--emails", plain, "--out", chosen,
            "--settings", SettingsPath, "--storage", UnreachableStorage);
        Assert.True(offline.ExitCode == 0, offline.Error);
        Assert.Equal($"matched 2 addresses of shop {Shop} (0 skipped: not an e-mail address) -> {chosen}", offline.Output.Trim());
        Assert.Equal($"{CustomerKey.FromEmail("dan@example.net", salt)},{CustomerKey.FromEmail("dan@example.net", salt)[2..]},dan@example.net",
            (await File.ReadAllLinesAsync(chosen))[2]);
        Assert.False(File.Exists(Path.Combine(Folder, "plain.matched.csv")));

        // ./run.sh asks before it starts Azurite, and starts none for it.
        var probe = await RetentionCli.RunAsync("needs-storage", "customers", "match", "--shop", Shop, "--emails", list);
        Assert.Equal("no-storage", probe.Output.Trim());
    }

    [Fact]
    public async Task A_mistake_exits_non_zero_with_one_readable_line_and_writes_nothing()
    {
        Assert.Equal(0, (await Run("shops", "add", "--shop", Shop, "--timezone", "UTC", "--currency", "EUR")).ExitCode);
        var list = Path.Combine(Folder, "list.csv");
        await File.WriteAllTextAsync(list, "ann@example.com\n");
        var empty = Path.Combine(Folder, "empty.csv");
        await File.WriteAllTextAsync(empty, "");
        var noEmailColumn = Path.Combine(Folder, "customers.csv");
        await File.WriteAllTextAsync(noEmailColumn, "name,address\nAnn,ann@example.com\n");
        var missing = Path.Combine(Folder, "missing.csv");

        (string[] Arguments, string Line)[] mistakes =
        [
            (["--shop", Shop, "--emails", missing], $"retention: --emails '{missing}' does not exist"),
            (["--shop", "never-registered", "--emails", list],
                $"retention: shop 'never-registered' has no customer-id salt in {SettingsPath} (retention shops add)"),
            (["--shop", Shop, "--emails", empty], $"retention: --emails '{empty}' is empty"),
            (["--shop", Shop, "--emails", noEmailColumn], $"retention: --emails '{noEmailColumn}' has 2 columns and no email column"),
            (["--shop", Shop, "--emails", list, "--out", list], "is the --emails file itself"),
        ];
        foreach (var (arguments, expected) in mistakes)
        {
            var result = await Run(["customers", "match", .. arguments]);
            Assert.NotEqual(0, result.ExitCode);
            var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(expected, line);
            Assert.Equal("", result.Output);
        }
        Assert.Equal(["customers.csv", "empty.csv", "list.csv", "local.settings.json"],
            Directory.EnumerateFiles(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("ann@example.com\n", await File.ReadAllTextAsync(list));
    }

    /// <summary>Storage that answers nothing: port 1 on loopback, where nothing listens.</summary>
    private static string UnreachableStorage =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};" +
        "BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    /// <summary>Every table's rows, container's blobs and queue's messages, counted: the same before and after means nothing was written.</summary>
    private static async Task<SortedDictionary<string, int>> EverythingStoredAsync(RetentionStorage storage)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var table in storage.Tables.QueryAsync())
        {
            var n = 0;
            await foreach (var _ in storage.Table(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey"])) n++;
            counts["table " + table.Name] = n;
        }
        await foreach (var container in storage.Blobs.GetBlobContainersAsync())
        {
            var n = 0;
            await foreach (var _ in storage.Blobs.GetBlobContainerClient(container.Name).GetBlobsAsync(BlobTraits.None, BlobStates.All, null, default)) n++;
            counts["container " + container.Name] = n;
        }
        await foreach (var queue in storage.Queues.GetQueuesAsync())
            counts["queue " + queue.Name] = (await storage.Queue(queue.Name).GetPropertiesAsync()).Value.ApproximateMessagesCount;
        return counts;
    }
}

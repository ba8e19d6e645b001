using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using Retention.Cli.Settings;
using Retention.Core.Orders;
using Retention.Core.Shops;
using Retention.Pipeline;
using Retention.Pipeline.Import;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

namespace Retention.Tests.Import;

/// <summary>
/// What the import tests share: their own in-memory Azurite, a temporary folder for files and settings, the
/// built <c>retention</c> run as a process against them, and views of what landed in storage.
/// </summary>
public sealed class ImportWorkspace : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;
    public RetentionStorage Storage { get; private set; } = null!;
    public string Directory { get; private set; } = "";
    private string Settings => Path.Combine(Directory, "local.settings.json");

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Directory = System.IO.Directory.CreateTempSubdirectory("retention-import-").FullName;
        Storage = RetentionStorage.FromConnectionString(Azurite.ConnectionString);
        await Storage.EnsureCreatedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Azurite.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    public OrderTable Orders => new(Storage);
    public ImportArchive Archive => new(Storage);

    public async Task RegisterShopAsync(string shopId, string timeZone = "Europe/Berlin", string currency = "EUR")
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        await new ShopDirectory(Storage, cache).SaveAsync(new Shop(shopId, timeZone, currency, DateTimeOffset.UtcNow), CancellationToken.None);
    }

    /// <summary>
    /// Registers a shop as <c>retention shops add</c> does: its row, and its webhook secret and customer-id salt in the
    /// settings file. A given salt is kept (as <c>shops add</c> keeps an existing one), so two shops can key the same
    /// e-mail addresses alike.
    /// </summary>
    public async Task<ShopCredentials> RegisterShopWithSecretsAsync(string shopId, string timeZone = "Europe/Berlin", string currency = "EUR",
        string? salt = null)
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var settings = new LocalSettingsFile(Settings);
        if (salt is not null)
            settings.Write(new Dictionary<string, string> { [SettingNames.AsAppSetting(SettingNames.ShopSetting(shopId, SettingNames.CustomerIdSalt))] = salt });
        var registrar = new ShopRegistrar(new ShopDirectory(Storage, cache), settings, TimeProvider.System);
        return (await registrar.RegisterAsync(shopId, timeZone, currency, null, CancellationToken.None)).Credentials;
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public Task<RetentionCli.Result> RunAsync(params string[] arguments) => RetentionCli.RunAsync([.. arguments, .. StorageArguments]);

    private string[] StorageArguments => ["--storage", Azurite.ConnectionString, "--settings", Settings];

    /// <summary>Starts <c>retention</c> without waiting for it, for a test that kills it part-way.</summary>
    public Process Start(params string[] arguments)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var cli = Path.Combine(RepositoryRoot.Path, "functions", "Retention.Cli", "bin", configuration, "net10.0", "retention.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[cli, .. arguments, .. StorageArguments]) start.ArgumentList.Add(argument);
        start.Environment.Remove("RETENTION_STORAGE");
        start.Environment.Remove("RETENTION_SETTINGS");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A shop's orders, one line each without the shop id, so two shops' imports of one file compare equal.</summary>
    public async Task<List<string>> OrdersOfAsync(string shopId) =>
        [.. (await Orders.ReadShopAsync(shopId, CancellationToken.None)).Select(Describe)];

    public static string Describe(NormalizedOrder o) =>
        $"{o.OrderId} {o.CustomerKey} {o.OrderedAt:O} {o.UpdatedAt:O} {o.Currency} {o.Total} {o.Status.ToWire()} {o.CancelledAt:O} " +
        $"[{string.Join(";", o.Refunds.Select(r => $"{r.RefundId} {r.Amount} {r.RefundedAt:O}"))}] {o.IsTest} {o.Platform} {o.SourceEventId}";

    /// <summary>Every stored row of a shop, by key, with its ETag: any write to a row changes it.</summary>
    public async Task<SortedDictionary<string, string>> ETagsOfAsync(string shopId)
    {
        var table = Storage.Table(StorageNames.OrdersTable);
        var etags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var bucket = 0; bucket < OrderTable.Buckets; bucket++)
        {
            var key = OrderTable.PartitionKey(shopId, bucket);
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == key, select: ["RowKey"]))
                etags[row.PartitionKey + "/" + row.RowKey] = row.ETag.ToString();
        }
        return etags;
    }

    /// <summary>Order ids whose rows share the orders table partition of <paramref name="orderId"/>, so they land in one batch.</summary>
    public static IEnumerable<string> IdsInPartitionOf(string shopId, string orderId, string prefix) =>
        Enumerable.Range(0, int.MaxValue).Select(i => $"{prefix}{i}")
            .Where(id => OrderTable.PartitionKey(shopId, id) == OrderTable.PartitionKey(shopId, orderId));
}

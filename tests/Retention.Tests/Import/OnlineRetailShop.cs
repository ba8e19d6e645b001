using System.Diagnostics;
using Retention.Core.Ledger;
using Retention.Core.Nightly;
using Retention.Core.Orders;
using Retention.Core.Products;
using Retention.Core.Shops;
using Retention.Tests.Support;

namespace Retention.Tests.Import;

/// <summary>
/// UCI Online Retail (<c>../shared/reference/online-retail</c>) imported once, gzipped as it is, through the command line
/// into its own Azurite: the shop the import check and the dimension figures' check both read. Shared by a collection,
/// since the import takes about a minute.
/// </summary>
public sealed class OnlineRetailShop : IAsyncLifetime
{
    public const string ShopId = "retail";

    public const string Columns =
        "order_id=InvoiceNo,customer_id=CustomerID,ordered_at=InvoiceDate,product_id=StockCode,product_title=Description,quantity=Quantity," +
        "unit_price=UnitPrice,country=Country";

    /// <summary>The data set's last day: the night the figures are checked on.</summary>
    public static readonly DateOnly AsOf = new(2011, 12, 9);

    public static string File => RepositoryRoot.Shared("reference", "online-retail", "online_retail.csv.gz");

    /// <summary>The file's path as a DuckDB string literal's content.</summary>
    public static string SqlPath => File.Replace("'", "''", StringComparison.Ordinal);

    public ImportWorkspace Workspace { get; } = new();
    public TimeSpan ImportTime { get; private set; }
    public int ExitCode { get; private set; }
    public IReadOnlyList<NormalizedOrder> Orders { get; private set; } = [];

    /// <summary>The night of <see cref="AsOf"/> from the imported orders, as the nightly service computes it (without storing it).</summary>
    public NightlyFigures Night => _night ??= ComputeNight();

    private NightlyFigures? _night;

    private NightlyFigures ComputeNight()
    {
        var retail = new Shop(ShopId, "Europe/London", "GBP", DateTimeOffset.UnixEpoch);
        return NightlyFigures.Compute(retail, OrderLedger.Build(retail, Orders), ProductCatalog.Empty, new Dictionary<DateOnly, decimal>(), [], AsOf);
    }

    public async Task InitializeAsync()
    {
        await Workspace.InitializeAsync();
        await Workspace.RegisterShopAsync(ShopId, "Europe/London", "GBP");
        var skips = Path.Combine(Workspace.Directory, "retail.skips.csv");
        var clock = Stopwatch.StartNew();
        using var process = Workspace.Start("import", "--shop", ShopId, "--format", "lines-csv", "--file", File, "--columns", Columns, "--skips", skips);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await process.WaitForExitAsync(timeout.Token);
        ImportTime = clock.Elapsed;
        ExitCode = process.ExitCode;
        Orders = await Workspace.Orders.ReadShopAsync(ShopId, CancellationToken.None);
    }

    public Task DisposeAsync() => Workspace.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class OnlineRetailShared : ICollectionFixture<OnlineRetailShop>
{
    public const string Name = "online-retail";
}

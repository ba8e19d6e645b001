using System.CommandLine;
using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using Retention.Core.Products;
using Retention.Pipeline.Products;
using Retention.Pipeline.Shops;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention catalog</c>: a shop's product catalog, which the product webhooks keep current (<c>docs/products.md</c>):
/// <c>import</c> reads a platform's product export into it, <c>list</c> prints it for the analyst.
/// </summary>
public static class CatalogCommand
{
    /// <summary>Skipped rows printed with their reason; the rest are counted.</summary>
    private const int SkipsShown = 10;

    public static Command Create() => new("catalog", "A shop's product catalog: import a platform's product export, list the products")
    {
        Import(), List(),
    };

    private static Command Import()
    {
        var shop = new Option<string>("--shop") { Description = "Shop id (registered with 'retention shops add')", Required = true };
        var format = new Option<string>("--format")
        {
            Description = $"{ProductExportFormat.ShopifyProductsCsv} (Shopify's product export) or {ProductExportFormat.WooCommerceProductsCsv} (WooCommerce's)",
            Required = true,
        };
        var file = new Option<string>("--file") { Description = "The export (UTF-8 CSV with its header row; .gz is read compressed)", Required = true };
        var command = new Command("import", "Store the products of a platform's product export in the shop's catalog") { shop, format, file };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var formatName = parse.GetValue(format)!;
            if (!ProductExportFormat.All.Contains(formatName))
                throw new CliUsageException($"--format must be one of {string.Join(", ", ProductExportFormat.All)}, not '{formatName}'");
            if (Directory.Exists(path)) throw new CliUsageException($"--file '{path}' is a directory, not a file");
            if (!File.Exists(path)) throw new CliUsageException($"--file '{path}' does not exist");

            var services = await context.ServicesAsync(cancellationToken);
            var shopId = await RegisteredAsync(services, parse.GetValue(shop)!, cancellationToken);
            using var text = Open(path);
            var result = await services.GetRequiredService<CatalogImport>().ImportAsync(shopId, formatName, text, cancellationToken);

            Console.WriteLine($"{shopId}: {result.Stored} product{Plural(result.Stored)} stored, {result.KeptNewer} kept as a newer webhook left them, " +
                              $"{result.Continuations} variant row{Plural(result.Continuations)} read as part of their product, " +
                              $"{result.Skipped.Count} row{Plural(result.Skipped.Count)} skipped");
            foreach (var (line, reason) in result.Skipped.Take(SkipsShown)) Console.WriteLine($"  line {line}: {reason}");
            if (result.Skipped.Count > SkipsShown) Console.WriteLine($"  … and {result.Skipped.Count - SkipsShown} more");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var shop = new Option<string>("--shop") { Description = "Shop id", Required = true };
        var command = new Command("list", "Print the shop's catalog: product id, title, category") { shop };
        command.SetAction(async (parse, context, cancellationToken) =>
        {
            var services = await context.ServicesAsync(cancellationToken);
            var shopId = await RegisteredAsync(services, parse.GetValue(shop)!, cancellationToken);
            var products = await services.GetRequiredService<ProductCatalogTable>().ReadShopAsync(shopId, cancellationToken);
            var live = products.Where(p => !p.Deleted).ToList();
            var idWidth = Math.Clamp(live.Select(p => p.ProductId.Length).DefaultIfEmpty(2).Max(), 2, 40);
            var titleWidth = Math.Clamp(live.Select(p => p.Title?.Length ?? 0).DefaultIfEmpty(5).Max(), 5, 60);
            Console.WriteLine($"{"id".PadRight(idWidth)}  {"title".PadRight(titleWidth)}  category");
            foreach (var product in live)
                Console.WriteLine($"{product.ProductId.PadRight(idWidth)}  {(product.Title ?? "").PadRight(titleWidth)}  {product.Category ?? ProductCatalog.Uncategorised}");
            var deleted = products.Count - live.Count;
            Console.WriteLine($"{live.Count} product{Plural(live.Count)}" + (deleted > 0 ? $" ({deleted} deleted, not shown)" : ""));
            return 0;
        });
        return command;
    }

    private static async Task<string> RegisteredAsync(IServiceProvider services, string shopId, CancellationToken cancellationToken) =>
        (await services.GetRequiredService<ShopDirectory>().FindAsync(shopId, cancellationToken)
         ?? throw new CliUsageException($"shop '{shopId}' is not registered (retention shops add)")).Id;

    private static StreamReader Open(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
    }

    private static string Plural(int n) => n == 1 ? "" : "s";
}

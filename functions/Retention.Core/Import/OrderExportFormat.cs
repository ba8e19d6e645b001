using Retention.Core.Orders;
using Retention.Core.Generic;
using Retention.Core.Import.Lines;
using Retention.Core.Shopify;
using Retention.Core.WooCommerce;

namespace Retention.Core.Import;

/// <summary>
/// One kind of file the history import reads (<c>docs/import.md</c>): how its header is checked and its orders
/// counted, how it is read into orders, and what of it is archived.
/// </summary>
/// <param name="HashesEmails">customers may be keyed by e-mail address, so the shop's customer-id salt is needed.</param>
/// <param name="CountRows">the orders in the file, after checking its header (<see cref="InvalidDataException"/> when it is not the format's).</param>
/// <param name="WriteArchiveCopy">
/// writes the copy of the file that is archived, without the personal data a platform's export carries; null when
/// the file itself is archived (a <c>generic-csv</c> file may hold nothing else).
/// </param>
public sealed record OrderExportFormat(
    string Name,
    bool HashesEmails,
    Func<TextReader, CancellationToken, long> CountRows,
    Func<TextReader, ShopContext, TimeZoneInfo, string, IOrderExportReader> Open,
    Action<TextReader, TextWriter, ShopContext>? WriteArchiveCopy)
{
    public static readonly OrderExportFormat GenericCsv =
        new(GenericCsvOrderReader.Format, false, GenericCsvOrderReader.CountRows, GenericCsvOrderReader.Open, null);

    public static readonly OrderExportFormat ShopifyCsv =
        new(ShopifyCsvOrderReader.Format, true, ShopifyCsvOrderReader.CountRows, ShopifyCsvOrderReader.Open, ShopifyCsvOrderReader.WriteArchiveCopy);

    public static readonly OrderExportFormat WooCommerceCsv =
        new(WooCommerceCsvOrderReader.Format, true, WooCommerceCsvOrderReader.CountRows, WooCommerceCsvOrderReader.Open,
            WooCommerceCsvOrderReader.WriteArchiveCopy);

    /// <summary>The formats whose header says where everything is; <c>lines-csv</c> needs its <c>--columns</c> besides.</summary>
    public static IReadOnlyList<OrderExportFormat> All { get; } = [GenericCsv, ShopifyCsv, WooCommerceCsv];

    /// <summary>Every format's name, <c>lines-csv</c> included.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(format => format.Name), LinesCsvOrderReader.Format];

    /// <summary>A <c>lines-csv</c> file read by the shop's own column names.</summary>
    public static OrderExportFormat LinesCsv(LinesCsvColumns columns) =>
        new(LinesCsvOrderReader.Format, false,
            (text, cancellationToken) => LinesCsvOrderReader.CountRows(text, columns, cancellationToken),
            (text, shop, zone, source) => LinesCsvOrderReader.Open(text, shop, zone, source, columns),
            (text, copy, _) => LinesCsvArchiveCopy.Write(text, copy, columns));

    /// <param name="columns">the <c>--columns</c> mapping, which only <c>lines-csv</c> reads.</param>
    /// <exception cref="FormatException">a <c>lines-csv</c> mapping that is not one.</exception>
    public static OrderExportFormat? Find(string name, string? columns = null) =>
        name == LinesCsvOrderReader.Format ? LinesCsv(LinesCsvColumns.Parse(columns)) : All.FirstOrDefault(format => format.Name == name);

    /// <summary>
    /// The other format whose header this is, so that a file given with the wrong <c>--format</c> is named for what
    /// it is; null when none reads it.
    /// </summary>
    public static OrderExportFormat? Recognize(IReadOnlyList<string> header, OrderExportFormat besides)
    {
        var line = string.Join(',', header.Select(name => "\"" + name.Replace("\"", "\"\"") + "\""));
        return All.Where(format => format != besides).FirstOrDefault(format =>
        {
            try
            {
                format.CountRows(new StringReader(line), CancellationToken.None);
                return true;
            }
            catch (InvalidDataException)
            {
                return false;
            }
        });
    }
}

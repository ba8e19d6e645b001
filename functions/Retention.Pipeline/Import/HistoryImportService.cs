using Retention.Core.Orders;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;
using Retention.Core.Import;

namespace Retention.Pipeline.Import;

/// <summary>
/// Imports a shop's order history from a file (<c>docs/import.md</c>): the file is checked, archived once as the
/// raw event, and each row goes through the webhook's normalizer into the same orders table under the same
/// version rule, in table batches. Progress is checkpointed on the archived file, so a run after an
/// interruption writes only what the interrupted one had not confirmed, and a run of a file already imported
/// writes nothing.
/// </summary>
public sealed class HistoryImportService(
    ShopDirectory shops,
    ShopCredentialStore credentials,
    ImportArchive archive,
    OrderTable orders,
    TimeProvider clock)
{
    public static IReadOnlyList<string> Formats => OrderExportFormat.Names;

    /// <summary>Often enough that an interruption costs a second of work, rarely enough to cost no throughput.</summary>
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(500);

    /// <exception cref="InvalidOperationException">unknown format, missing file or unregistered shop; nothing was written.</exception>
    /// <exception cref="InvalidDataException">the file is not UTF-8 or its header is not the format's; nothing was written.</exception>
    public async Task<ImportResult> ImportAsync(ImportRequest request, ImportProgress progress, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        OrderExportFormat? format;
        try
        {
            format = OrderExportFormat.Find(request.Format, request.Columns);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException(e.Message);
        }
        format = format
            ?? throw new InvalidOperationException($"unknown format '{request.Format}': the import reads {string.Join(", ", Formats)}");
        if (!File.Exists(request.FilePath)) throw new InvalidOperationException($"the file '{request.FilePath}' does not exist");
        var shop = await shops.FindAsync(request.ShopId, cancellationToken)
            ?? throw new InvalidOperationException($"shop '{request.ShopId}' is not registered (register it with 'retention shops add')");
        // A platform's export keys guests by e-mail: without the shop's salt they would get keys no webhook gives them.
        var salt = credentials.Find(shop.Id)?.CustomerIdSalt;
        if (format.HashesEmails && salt is null)
            throw new InvalidOperationException($"shop '{shop.Id}' has no {SettingNames.AsAppSetting(SettingNames.ShopSetting(shop.Id, SettingNames.CustomerIdSalt))} in its settings, " +
                                                $"which {format.Name} hashes e-mail addresses with (register the shop with 'retention shops add')");
        var context = new ShopContext(shop.Id, shop.Currency, salt ?? "");

        progress.Enter(ImportStage.Scanning);
        var scan = await ImportFileScan.ScanAsync(request.FilePath, format, cancellationToken);
        progress.SetRows(scan.Rows);

        progress.Enter(ImportStage.Archiving);
        var checkpoint = await archive.StoreOnceAsync(shop.Id, scan, format, context, cancellationToken);
        var completedBefore = request.Restart ? null : checkpoint.CompletedAt;
        var resumeFrom = request.Restart ? 0 : checkpoint.RowsDone;
        if (request.Restart && (checkpoint.RowsDone > 0 || checkpoint.IsComplete))
            checkpoint = await archive.SaveCheckpointAsync(shop.Id, scan.Sha256, checkpoint, checkpoint.Progressed(0, null), cancellationToken);

        progress.Enter(ImportStage.Importing);
        // The import's table batches are not in the change log one by one: a bulk entry makes the next night read every order.
        await orders.Changes.RecordBulkAsync(shop.Id, cancellationToken);
        using var text = ImportFileScan.OpenText(scan.Path);
        var reader = format.Open(text, context, shop.TimeZone, ImportArchive.SourceName(scan.Sha256));
        var writer = new OrderBatchWriter(orders, Math.Max(1, request.Concurrency), progress);
        var skips = new List<ImportSkip>();
        long? resumedAtLine = null;
        long rowsRead = 0;
        var lastSave = clock.GetTimestamp();
        try
        {
            foreach (var row in reader.ReadRows())
            {
                cancellationToken.ThrowIfCancellationRequested();
                rowsRead = row.Index + 1;
                if (row.Index == resumeFrom && resumeFrom > 0 && completedBefore is null) resumedAtLine = row.Line;
                if (row.Skip is { } skip)
                {
                    skips.Add(skip);
                    progress.AddSkipped(1);
                }
                else if (completedBefore is not null || row.Index < resumeFrom)
                {
                    progress.AddEarlier(1);
                }
                else
                {
                    await writer.AddAsync(row.Index, row.Order!, cancellationToken);
                }

                if (completedBefore is null && clock.GetElapsedTime(lastSave) >= CheckpointEvery)
                {
                    var watermark = writer.Watermark(row.Index + 1);
                    if (watermark > checkpoint.RowsDone)
                    {
                        await orders.Changes.RecordBulkAsync(shop.Id, cancellationToken);
                        checkpoint = await archive.SaveCheckpointAsync(shop.Id, scan.Sha256, checkpoint,
                            checkpoint.Progressed(watermark, null), cancellationToken);
                    }
                    lastSave = clock.GetTimestamp();
                }
            }
            await writer.FlushAsync(cancellationToken);
            await orders.Changes.RecordBulkAsync(shop.Id, cancellationToken);
        }
        catch
        {
            await writer.AbandonAsync();
            throw;
        }

        if (completedBefore is null)
            await archive.SaveCheckpointAsync(shop.Id, scan.Sha256, checkpoint, checkpoint.Progressed(rowsRead, clock.GetUtcNow()), cancellationToken);
        progress.Enter(ImportStage.Done);
        return new ImportResult(shop.Id, ImportArchive.BlobName(shop.Id, scan.Sha256), scan with { Rows = rowsRead },
            progress.Earlier, progress.Inserted, progress.Replaced, progress.Unchanged, skips, resumedAtLine, completedBefore,
            clock.GetElapsedTime(started)) { Notes = [.. reader.Notes] };
    }
}

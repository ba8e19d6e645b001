using Parquet;
using Parquet.Schema;

namespace Retention.Pipeline.Exports;

/// <summary>An <see cref="ExportDataset"/> as one Parquet file of one row group, with real Parquet types.</summary>
public static class ParquetDatasetFile
{
    /// <summary>Precision and scale of every decimal column: money to the cent and ratios to six places, exactly.</summary>
    public const int DecimalPrecision = 18, DecimalScale = 6;

    public static async Task WriteAsync(ExportDataset dataset, Stream stream, CancellationToken cancellationToken)
    {
        var fields = dataset.Columns.Select(Field).ToArray();
        var schema = new ParquetSchema(fields);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken);
        using var group = writer.CreateRowGroup();
        var rows = dataset.Rows;
        for (var c = 0; c < fields.Length; c++)
        {
            var column = c;
            switch (dataset.Columns[c].Type)
            {
                case ExportType.Text:
                    await group.WriteAsync(fields[c], rows.Select(r => (string)r[column]!).ToArray());
                    break;
                case ExportType.Int:
                    await group.WriteAsync<int>(fields[c], rows.Select(r => (int?)r[column]).ToArray(), cancellationToken: cancellationToken);
                    break;
                case ExportType.Decimal:
                    await group.WriteAsync<decimal>(fields[c], rows.Select(r => r[column] is decimal d ? Math.Round(d, DecimalScale) : (decimal?)null).ToArray(),
                        cancellationToken: cancellationToken);
                    break;
                case ExportType.Date:
                    await group.WriteAsync<DateOnly>(fields[c], rows.Select(r => (DateOnly?)r[column]).ToArray(), cancellationToken: cancellationToken);
                    break;
                case ExportType.Boolean:
                    await group.WriteAsync<bool>(fields[c], rows.Select(r => (bool?)r[column]).ToArray(), cancellationToken: cancellationToken);
                    break;
            }
        }
        group.CompleteValidate();
    }

    private static DataField Field(ExportColumn column) => column.Type switch
    {
        ExportType.Text => new DataField<string>(column.Name, nullable: true),
        ExportType.Int => new DataField<int>(column.Name, nullable: true),
        ExportType.Decimal => new DecimalDataField(column.Name, DecimalPrecision, DecimalScale, isNullable: true),
        ExportType.Date => new DataField<DateOnly>(column.Name, nullable: true),
        ExportType.Boolean => new DataField<bool>(column.Name, nullable: true),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };
}

using System.Globalization;
using System.Text;
using Retention.Core.Datasets;

namespace Retention.Pipeline.Exports;

/// <summary>
/// An <see cref="DatasetRows"/> as RFC 4180 CSV for Excel and scripts: UTF-8 without BOM, a header of the column
/// names, CRLF line ends, invariant culture (decimal point), dates <c>yyyy-MM-dd</c>, booleans <c>true</c>/<c>false</c>,
/// null as an empty field; a field with a comma, quote or line break is quoted.
/// </summary>
public static class CsvDatasetFile
{
    public static async Task WriteAsync(DatasetRows dataset, Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', dataset.Columns.Select(c => Quote(c.Name))));
        var line = new StringBuilder();
        foreach (var row in dataset.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line.Clear();
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0) line.Append(',');
                line.Append(Quote(Format(row[c])));
            }
            await writer.WriteLineAsync(line.ToString());
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string text => text,
        int number => number.ToString(CultureInfo.InvariantCulture),
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"no CSV form for {value.GetType().Name}"),
    };

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

namespace Retention.Core.Import.Lines;

/// <summary>The rows of one order id, gathered from wherever they are in the file; or one record that names no order.</summary>
internal sealed class LinesCsvGroup(string? orderId, long firstLine)
{
    /// <summary>Null for a record that cannot be read or names no order: it is skipped on its own.</summary>
    public string? OrderId { get; } = orderId;

    public long FirstLine { get; } = firstLine;

    public List<LinesCsvRow> Rows { get; } = [];

    /// <summary>Every row of the order in the file, read or not.</summary>
    public int RowCount { get; set; }

    /// <summary>The first row that cannot be read, which skips the whole order: an order without it would be stored short.</summary>
    public string? Problem { get; private set; }

    public static LinesCsvGroup Unreadable(long line, string problem)
    {
        var group = new LinesCsvGroup(null, line) { RowCount = 1 };
        group.Fail($"line {line}: {problem}");
        return group;
    }

    public void Fail(string problem)
    {
        Problem ??= problem;
        Rows.Clear();
    }
}

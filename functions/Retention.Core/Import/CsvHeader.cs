namespace Retention.Core.Import;

/// <summary>
/// Where each column of a platform's export is, by the names in its header row, matched without regard to case
/// or surrounding spaces. Platform exports carry dozens of columns the import does not read (names, addresses,
/// line items); they are passed over here and never archived (<see cref="ExportCsvFile.WriteArchiveCopy"/>).
/// </summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _positions = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _repeated = new(StringComparer.OrdinalIgnoreCase);

    private CsvHeader(IReadOnlyList<string> names)
    {
        Count = names.Count;
        for (var i = 0; i < names.Count; i++)
        {
            // A byte-order mark that reached us as text is not part of the first name.
            var name = (i == 0 ? names[i].TrimStart('\uFEFF') : names[i]).Trim();
            if (!_positions.TryAdd(name, i)) _repeated.Add(name);
        }
    }

    public int Count { get; }

    public static CsvHeader Read(IReadOnlyList<string> names) => new(names);

    /// <summary>The position of a column, or null when the header does not name it.</summary>
    /// <exception cref="InvalidDataException">the header names it twice, so which one holds the value is a guess.</exception>
    public int? Find(string name)
    {
        if (_repeated.Contains(name)) throw new InvalidDataException($"the header names the column {name} twice");
        return _positions.TryGetValue(name, out var position) ? position : null;
    }

    /// <summary>The position of a column the format cannot do without; call <see cref="Missing"/> first for the message.</summary>
    public int Get(string name) => Find(name) ?? throw new InvalidDataException($"the header lacks the column {name}");

    /// <summary>Those of <paramref name="names"/> the header does not name, in the order given.</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> names) => [.. names.Where(name => !_positions.ContainsKey(name))];
}

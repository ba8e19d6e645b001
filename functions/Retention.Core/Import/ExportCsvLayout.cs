namespace Retention.Core.Import;

/// <summary>
/// What the import needs to know of a platform's export beyond its header: which column holds the order id,
/// which lines belong to one order (an export may write one line per line item), and which columns may be
/// archived. The platform's own layout (<see cref="Shopify.ShopifyCsvColumns"/>, <see cref="WooCommerce.WooCommerceCsvColumns"/>) says.
/// </summary>
/// <param name="Count">the number of columns in the header: a line with another number of values is not readable.</param>
public abstract record ExportCsvLayout(int Count)
{
    /// <summary>The column of the platform's order id, the id its webhooks carry.</summary>
    public abstract int OrderId { get; }

    /// <summary>Whether <paramref name="following"/> is a further line (a further line item) of the order <paramref name="first"/> starts.</summary>
    public abstract bool Continues(IReadOnlyList<string> first, IReadOnlyList<string> following);

    /// <summary>
    /// The columns the archived copy keeps as they are, by the names its header gives them: the ones the reader
    /// reads, none with personal data.
    /// </summary>
    public abstract IReadOnlyList<(string Name, int Column)> Archived { get; }

    /// <summary>What the archived copy keeps of an <see cref="Archived"/> value; the value itself unless the column holds more than the reader reads.</summary>
    public virtual string Redact(int column, string value) => value;

    /// <summary>
    /// Whether an order's further lines hold what the reader reads (line items, one per line), so that the archived
    /// copy keeps them too; otherwise only each order's first line is archived.
    /// </summary>
    public virtual bool ArchivesFurtherLines => false;

    /// <summary>The e-mail column, replaced in the archived copy by the salted hash the customer key is made of.</summary>
    public abstract int? Email { get; }

    /// <summary>The archived copy's name for that hash column; the reader accepts it in place of the e-mail column.</summary>
    public abstract string EmailHashName { get; }
}

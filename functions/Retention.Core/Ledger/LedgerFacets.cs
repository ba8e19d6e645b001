using Retention.Core.Orders;

namespace Retention.Core.Ledger;

/// <summary>
/// What one order was made of and where it came from, as the nightly dimension figures read them: its distinct
/// products (each with the first title its lines gave it), its channel's <c>source / medium</c>, its discount codes
/// and its country. A view over the ledger's <see cref="LedgerFacetData"/>, nothing copied; the default value is an
/// order that carries none of them (no products or codes, <see cref="OrderChannel.Unknown"/>, no country).
/// </summary>
public readonly struct LedgerFacets
{
    // The layout at _at in the data (LedgerFacetData.Add): channel, country, code count, codes …, product count,
    // then product and title for each product. Every value is a number of the ledger's strings.
    private const int ChannelSlot = 0, CountrySlot = 1, CodeCountSlot = 2;

    private readonly LedgerFacetData? _data;
    private readonly int _at;

    internal LedgerFacets(LedgerFacetData data, int at)
    {
        _data = data;
        _at = at;
    }

    /// <summary>The order carries no products, channel, codes or country.</summary>
    public bool IsEmpty => _data is null;

    public string Channel => _data is null ? OrderChannel.Unknown.Label : _data.Strings[Slot(ChannelSlot)];

    public string? Country => _data?.Strings.OrNull(Slot(CountrySlot));

    public int DiscountCodeCount => _data is null ? 0 : Slot(CodeCountSlot);

    public string DiscountCodeAt(int index) => _data!.Strings[CodeNumberAt(index)];

    /// <summary>Distinct products: a product on three lines is one.</summary>
    public int ProductCount => _data is null ? 0 : Slot(ProductCountSlot);

    public string ProductIdAt(int index) => _data!.Strings[ProductNumberAt(index)];

    /// <summary>The product id's number in the ledger's strings: within one ledger, equal ids have equal numbers.</summary>
    public int ProductNumberAt(int index) => Slot(ProductCountSlot + 1 + 2 * Checked(index, ProductCount));

    /// <summary>The first non-empty title the order's lines gave the product, null when none did.</summary>
    public string? ProductTitleAt(int index) => _data!.Strings.OrNull(TitleNumberAt(index));

    public IEnumerable<string> ProductIds
    {
        get
        {
            var self = this;
            return Enumerable.Range(0, ProductCount).Select(self.ProductIdAt);
        }
    }

    public IEnumerable<string> DiscountCodes
    {
        get
        {
            var self = this;
            return Enumerable.Range(0, DiscountCodeCount).Select(self.DiscountCodeAt);
        }
    }

    /// <summary>How many numbers of the data the order's facets take: channel, country, code count, codes, product count, products and titles.</summary>
    internal int Numbers => _data is null ? 0 : ProductCountSlot + 1 + 2 * ProductCount;

    internal int ChannelNumber => Slot(ChannelSlot);
    internal int CountryNumber => Slot(CountrySlot);
    internal int CodeNumberAt(int index) => Slot(CodeCountSlot + 1 + Checked(index, DiscountCodeCount));
    internal int TitleNumberAt(int index) => Slot(ProductCountSlot + 2 + 2 * Checked(index, ProductCount));

    private int ProductCountSlot => CodeCountSlot + 1 + Slot(CodeCountSlot);

    private int Slot(int slot) => _data!.NumberAt(_at + slot);

    private static int Checked(int index, int count) =>
        (uint)index < (uint)count ? index : throw new ArgumentOutOfRangeException(nameof(index), index, $"the order has {count}");
}

using Retention.Core.Orders;

namespace Retention.Tests.Dimensions;

/// <summary>Country names as imports write them, mapped to ISO codes by hand; what names no one country is unknown, never guessed.</summary>
public class CountryCodeTests
{
    /// <summary>Every country name of Online Retail, with the code an atlas gives it.</summary>
    [Theory]
    [InlineData("United Kingdom", "GB")] [InlineData("France", "FR")] [InlineData("Australia", "AU")] [InlineData("Netherlands", "NL")]
    [InlineData("Germany", "DE")] [InlineData("Norway", "NO")] [InlineData("EIRE", "IE")] [InlineData("Switzerland", "CH")]
    [InlineData("Spain", "ES")] [InlineData("Poland", "PL")] [InlineData("Portugal", "PT")] [InlineData("Italy", "IT")]
    [InlineData("Belgium", "BE")] [InlineData("Lithuania", "LT")] [InlineData("Japan", "JP")] [InlineData("Iceland", "IS")]
    [InlineData("Denmark", "DK")] [InlineData("Cyprus", "CY")] [InlineData("Sweden", "SE")] [InlineData("Austria", "AT")]
    [InlineData("Israel", "IL")] [InlineData("Finland", "FI")] [InlineData("Bahrain", "BH")] [InlineData("Greece", "GR")]
    [InlineData("Hong Kong", "HK")] [InlineData("Singapore", "SG")] [InlineData("Lebanon", "LB")] [InlineData("United Arab Emirates", "AE")]
    [InlineData("Saudi Arabia", "SA")] [InlineData("Czech Republic", "CZ")] [InlineData("Canada", "CA")] [InlineData("Brazil", "BR")]
    [InlineData("USA", "US")] [InlineData("Malta", "MT")] [InlineData("RSA", "ZA")]
    [InlineData("Channel Islands", "unknown")] [InlineData("European Community", "unknown")] [InlineData("Unspecified", "unknown")]
    [InlineData("", "unknown")] [InlineData("gb", "GB")] [InlineData("DEU", "DE")] [InlineData("  france ", "FR")] [InlineData("Kosovo", "XK")]
    public void A_name_maps_to_its_code_or_to_unknown(string name, string code) => Assert.Equal(code, CountryCode.FromName(name));

    [Theory]
    [InlineData("de", true, "DE")] [InlineData("XK", true, "XK")] [InlineData("", true, null)] [InlineData("XX", false, null)]
    [InlineData("Germany", false, null)] [InlineData("DEU", false, null)]
    public void A_platform_code_is_read_upper_cased_and_anything_else_is_refused(string value, bool ok, string? code)
    {
        Assert.Equal(ok, CountryCode.TryRead(value, out var read));
        Assert.Equal(code, read);
    }
}

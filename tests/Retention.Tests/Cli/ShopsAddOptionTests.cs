using Retention.Tests.Support;

namespace Retention.Tests.Cli;

/// <summary>
/// A bad platform value given to <c>retention shops add</c>: exit 2 and one line that names the option, never the secret
/// typed, and nothing written. Checked before storage is reached, so the storage here is a closed port.
/// </summary>
public sealed class ShopsAddOptionTests : IDisposable
{
    private const string NoStorage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                                     "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";
    private const string GoodSecret = "shpss_0123456789abcdef0123456789abcdef";
    private readonly string _settings = Path.Combine(Directory.CreateTempSubdirectory("retention-shops-add-").FullName, "local.settings.json");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_settings)!, recursive: true);

    [Theory]
    [InlineData("--shopify-domain", "shop.example.com", "--shopify-secret", GoodSecret, "--shopify-domain must be the shop's myshopify.com domain")]
    [InlineData("--shopify-domain", "https://my-shop.myshopify.com/", "--shopify-secret", GoodSecret, "--shopify-domain must be")]
    [InlineData("--shopify-domain", "a.b.myshopify.com", "--shopify-secret", GoodSecret, "--shopify-domain must be")]
    [InlineData("--shopify-domain", "my-shop.myshopify.com", "--shopify-secret", "", "--shopify-secret is empty")]
    [InlineData("--shopify-domain", "my-shop.myshopify.com", "--shopify-secret", "tiny-secret", "--shopify-secret is shorter than 16 characters")]
    [InlineData("--shopify-domain", "my-shop.myshopify.com", "--shopify-secret", "shpss_0123456789abcdef\n0123456789", "--shopify-secret contains a line break")]
    [InlineData("--shopify-domain", "my-shop.myshopify.com", "--woocommerce-secret", "0123456789abcdef", "--shopify-domain needs --shopify-secret")]
    [InlineData("--shopify-secret", GoodSecret, "--woocommerce-secret", "0123456789abcdef", "--shopify-secret needs --shopify-domain")]
    [InlineData("--woocommerce-secret", "", "--clv-discount", "0", "--woocommerce-secret is empty")]
    [InlineData("--woocommerce-secret", "wc-secret", "--clv-discount", "0", "--woocommerce-secret is shorter than 16 characters")]
    [InlineData("--woocommerce-secret", " wc-secret-with-a-leading-space", "--clv-discount", "0", "--woocommerce-secret starts or ends with a space")]
    [InlineData("--woocommerce-secret", "wc-secret-with-a-tab\t0123456789", "--clv-discount", "0", "--woocommerce-secret contains a line break, tab")]
    public async Task A_bad_platform_value_exits_2_with_one_line_naming_the_option(string option, string value, string otherOption, string otherValue,
        string mentions)
    {
        var result = await RetentionCli.RunAsync("shops", "add", "--shop", "options-shop", "--timezone", "UTC", "--currency", "EUR",
            option, value, otherOption, otherValue, "--storage", NoStorage, "--settings", _settings);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("retention: ", line);
        Assert.Contains(mentions, line);
        Assert.Equal("", result.Output);
        foreach (var (name, given) in new[] { (option, value), (otherOption, otherValue) })
            if (name.EndsWith("-secret", StringComparison.Ordinal) && given.Trim().Length > 0) Assert.DoesNotContain(given.Trim(), line);
        Assert.False(File.Exists(_settings), "nothing is written for a command line with a mistake");
    }
}

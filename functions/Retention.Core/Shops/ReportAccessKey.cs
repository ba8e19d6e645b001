using System.Security.Cryptography;
using System.Text;

namespace Retention.Core.Shops;

/// <summary>
/// The key that opens one shop's HTML report (<c>docs/reports.md</c>): derived from the shop's own customer-id salt
/// with a purpose string, so each shop's report has its own key, no new secret has to be stored or rotated with the
/// webhook secret, and the key reveals nothing of the salt. A function key alone would open every shop's report:
/// shops are tenants, and one must not read another's customers.
/// </summary>
public static class ReportAccessKey
{
    public static string For(string shopId, ShopCredentials credentials)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(credentials.CustomerIdSalt), Encoding.UTF8.GetBytes("report-access:v1:" + shopId));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Constant-time: a wrong key takes as long as a right one.</summary>
    public static bool Verify(string shopId, ShopCredentials credentials, string? presented) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(For(shopId, credentials)), Encoding.UTF8.GetBytes(presented));
}
